import Foundation

/// Reads CoNLL-U sentences one at a time.
///
/// Accepts 10 tab-separated fields per line, `#` comment lines before a sentence and blank-line
/// sentence breaks. Fields are split on tabs only (forms may contain spaces) and are never
/// trimmed, because a trailing empty field is data. Multiword ranges (`3-4`) and empty nodes
/// (`8.1`) are kept in `Sentence.extraLines` but are not tagging units. A `\r` before a line
/// break is dropped.
///
/// Rejects ragged lines, IDs out of sequence, invalid UTF-8, empty forms, comments between
/// token lines and sentences without words.
///
/// - Throws: `CorpusError` with file and line; in lenient mode (`skipMalformed`) the bad
///   sentence is skipped and its error recorded in `skippedErrors` instead.
public struct CoNLLUReader: SentenceReader, LenientSentenceParsing {
  /// The ten CoNLL-U column names.
  public static let columnNames = CoNLLDialect.conllu.columnNames

  /// Whether malformed sentences are skipped (and recorded) rather than thrown.
  public let skipsMalformed: Bool
  public internal(set) var skippedErrors: [CorpusError] = []

  private var lines: LineReader
  private let dialect: CoNLLDialect

  /// Opens a CoNLL-U file; the path `-` reads standard input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, skipMalformed: Bool = false) throws {
    try self.init(lines: LineReader(path: path), skipMalformed: skipMalformed)
  }

  /// Opens a CoNLL-U file.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(contentsOf url: URL, skipMalformed: Bool = false) throws {
    try self.init(path: url.path, skipMalformed: skipMalformed)
  }

  /// Reads CoNLL-U text held in memory; `name` stands for the file in error messages.
  public init(text: String, name: String = "<text>", skipMalformed: Bool = false) {
    self.init(lines: LineReader(bytes: Array(text.utf8), path: name), skipMalformed: skipMalformed)
  }

  /// Reads `lines` in `dialect` (CoNLL-X shares this reader).
  init(lines: LineReader, skipMalformed: Bool, dialect: CoNLLDialect = .conllu) {
    self.lines = lines
    self.skipsMalformed = skipMalformed
    self.dialect = dialect
  }

  public mutating func next() throws -> Sentence? {
    try nextSkippingMalformed()
  }

  /// Skips to the empty line that ends the current sentence.
  mutating func skipRest(after error: CorpusError) throws {
    try lines.skipRestOfSentence(afterErrorOnLine: error.line, isBreak: \.isEmpty)
  }

  mutating func parseSentence() throws -> Sentence? {
    var sentence = Sentence(
      columnNames: dialect.columnNames, defaultTagColumn: dialect.defaultTagColumn)
    var expectedID = 1
    while let line = try lines.nextLine() {
      if line.isEmpty {
        if sentence.comments.isEmpty && sentence.tokens.isEmpty && sentence.extraLines.isEmpty {
          continue
        }
        return try finished(sentence)
      }
      if sentence.sourceLine == 0 { sentence.sourceLine = lines.lineNumber }
      let lineCount = sentence.tokens.count + sentence.extraLines.count + sentence.comments.count
      guard lineCount < SentenceLimit.maxLines else { throw lines.error(SentenceLimit.exceeded) }
      if line.first == UInt8(ascii: "#") {
        guard sentence.tokens.isEmpty && sentence.extraLines.isEmpty else {
          throw lines.error(.misplacedComment, quoting: line)
        }
        sentence.comments.append(try lines.decode(line, in: line))
        continue
      }
      try appendWordLine(line, to: &sentence, expectedID: &expectedID)
    }
    if sentence.comments.isEmpty && sentence.tokens.isEmpty && sentence.extraLines.isEmpty {
      return nil
    }
    return try finished(sentence)
  }

  private func finished(_ sentence: Sentence) throws -> Sentence {
    guard !sentence.tokens.isEmpty else {
      throw CorpusError(
        .invalidContent("sentence has no word lines"), file: lines.path,
        line: sentence.sourceLine)
    }
    for (index, extra) in sentence.extraLines.enumerated() {
      guard case .range(_, let last) = CoNLLUTokenID(extra.fields[0]),
        last > sentence.tokens.count
      else { continue }
      // Comments come first and a sentence has no blank line, so the range's own line follows
      // the comments, the words before it and the extra lines before it.
      let line = sentence.sourceLine + sentence.comments.count + extra.tokenIndex + index
      throw CorpusError(
        .badID(
          expected: "a range ending at most at the last word \(sentence.tokens.count)",
          found: extra.fields[0]),
        file: lines.path, line: line, excerpt: extra.fields.joined(separator: "\t"))
    }
    return sentence
  }

  /// Parses one word line: a token, a multiword range or an empty node.
  private func appendWordLine(
    _ line: ArraySlice<UInt8>, to sentence: inout Sentence, expectedID: inout Int
  ) throws {
    let rawFields = line.fields(separatedBy: 0x09)
    guard rawFields.count == dialect.columnNames.count else {
      throw lines.error(
        .raggedLine(expected: dialect.columnNames.count, found: rawFields.count), quoting: line)
    }
    let values = try rawFields.map { try lines.decode($0, in: line) }
    let id = values[0]
    let tokenID = CoNLLUTokenID(id)
    if !dialect.allowsMultiwordTokens, tokenID != .word(expectedID) {
      throw lines.error(.badID(expected: String(expectedID), found: id))
    }
    switch tokenID {
    case .word(let number):
      guard number == expectedID else {
        throw lines.error(.badID(expected: String(expectedID), found: id))
      }
      guard !values[1].isEmpty else { throw lines.error(.emptyForm, quoting: line) }
      expectedID += 1
      sentence.tokens.append(Token(form: values[1], values: values))
    case .range(let first, let last):
      guard first == expectedID, last > first else {
        throw lines.error(.badID(expected: "a range starting at \(expectedID)", found: id))
      }
      sentence.extraLines.append(.init(tokenIndex: sentence.tokens.count, fields: values))
    case .emptyNode(let head, let index):
      guard head == expectedID - 1, index >= 1 else {
        throw lines.error(.badID(expected: "an empty node \(expectedID - 1).N", found: id))
      }
      sentence.extraLines.append(.init(tokenIndex: sentence.tokens.count, fields: values))
    case nil:
      throw lines.error(
        .badID(expected: "an integer, a range N-M or an empty node N.M", found: id))
    }
  }
}

/// The three shapes of a CoNLL-U ID: `7`, `3-4` and `8.1`.
enum CoNLLUTokenID: Equatable {
  case word(Int)
  case range(Int, Int)
  case emptyNode(Int, Int)

  init?(_ text: String) {
    if let number = Int(text), number >= 0 {
      self = .word(number)
      return
    }
    let utf8 = text.utf8
    if let dash = utf8.firstIndex(of: UInt8(ascii: "-")) {
      guard let first = Int(text[..<dash]),
        let last = Int(text[text.index(after: dash)...]), first >= 1
      else { return nil }
      self = .range(first, last)
    } else if let dot = utf8.firstIndex(of: UInt8(ascii: ".")) {
      guard let head = Int(text[..<dot]), let index = Int(text[text.index(after: dot)...]),
        head >= 0
      else { return nil }
      self = .emptyNode(head, index)
    } else {
      return nil
    }
  }
}
