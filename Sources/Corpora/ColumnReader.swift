import Foundation

/// Reads CoNLL column files (CoNLL-2000 chunking, CoNLL-2002/2003 named entities) and TSV files.
///
/// Grammar: one token per line, its columns separated by runs of spaces and tabs (`.whitespace`)
/// or by single tabs (`.tab`, TSV: fields are not trimmed); a blank line ends a sentence. Every
/// token line has as many columns as the column names (given, or guessed from the file's first
/// lines by `ColumnNaming`). The word is in `ReaderOptions.wordColumn`; the default tag layer is
/// the last column. `-DOCSTART-` lines mark document starts: they are not tokens, may sit on the
/// first line of a sentence block (CoNLL-2002 Dutch) or stand alone before a blank line
/// (CoNLL-2003), and are kept in the next sentence's `docstart` attribute (the line, plus `\n`
/// when a blank line followed) so the file round-trips.
///
/// Rejects lines with a different number of columns, invalid UTF-8 (with the byte column),
/// empty words and `-DOCSTART-` inside a sentence.
///
/// - Throws: `CorpusError` with file and line; in lenient mode (`skipMalformed`) the bad
///   sentence is skipped and its error recorded in `skippedErrors` instead.
public struct ColumnReader: SentenceReader, LenientSentenceParsing {
  /// How columns are separated.
  public enum Separator: Sendable {
    /// Runs of spaces and tabs (CoNLL column files).
    case whitespace
    /// Single tabs; empty fields are data (TSV).
    case tab
  }

  /// The sentence attribute that keeps a `-DOCSTART-` line.
  public static let documentStartAttribute = "docstart"
  private static let documentStartMarker = Array("-DOCSTART-".utf8)

  /// The column names of every sentence.
  public let columnNames: [String]
  /// Whether malformed sentences are skipped (and recorded) rather than thrown.
  public let skipsMalformed: Bool
  public internal(set) var skippedErrors: [CorpusError] = []

  private var lines: LookaheadLineReader
  private let separator: Separator
  private let wordIndex: Int
  private let defaultTagColumn: Int

  /// Opens a column file; the path `-` reads standard input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened or read.
  public init(
    path: String, separator: Separator = .whitespace, options: ReaderOptions = ReaderOptions()
  ) throws {
    try self.init(lines: LineReader(path: path), separator: separator, options: options)
  }

  /// Reads column text held in memory; `name` stands for the file in error messages.
  public init(
    text: String, name: String = "<text>", separator: Separator = .whitespace,
    options: ReaderOptions = ReaderOptions()
  ) throws {
    try self.init(
      lines: LineReader(bytes: Array(text.utf8), path: name), separator: separator,
      options: options)
  }

  init(lines base: LineReader, separator: Separator, options: ReaderOptions) throws {
    precondition(options.wordColumn >= 1, "wordColumn is 1-based, got \(options.wordColumn)")
    var lines = LookaheadLineReader(base)
    self.separator = separator
    self.skipsMalformed = options.skipMalformed
    if let names = options.columnNames {
      columnNames = names.map { $0.lowercased() }
    } else {
      let sample = try lines.peek(upTo: ColumnNaming.sampleLineCount)
      columnNames = Self.guessNames(sample: sample, separator: separator, options: options)
    }
    self.lines = lines
    wordIndex = options.wordColumn - 1
    defaultTagColumn = ColumnNaming.defaultTagColumn(
      columnCount: columnNames.count, wordIndex: wordIndex)
  }

  /// Guesses the column names from the first token lines of `sample`.
  private static func guessNames(
    sample: [[UInt8]], separator: Separator, options: ReaderOptions
  ) -> [String] {
    var columnCount: Int?
    var lastColumnTags: [String] = []
    for line in sample {
      let fields = split(line[...], separator: separator)
      guard !line[...].isBlank, !isDocumentStart(fields) else { continue }
      if columnCount == nil { columnCount = fields.count }
      if fields.count == columnCount, let last = fields.last {
        lastColumnTags.append(String(decoding: last, as: UTF8.self))
      }
    }
    return ColumnNaming.guess(
      columnCount: columnCount ?? 1, wordColumn: options.wordColumn,
      lastColumnTags: lastColumnTags, isTabSeparated: separator == .tab)
  }

  private static func isDocumentStart(_ fields: [ArraySlice<UInt8>]) -> Bool {
    guard let first = fields.first, first.first == UInt8(ascii: "-") else { return false }
    return first.elementsEqual(documentStartMarker)
  }

  private static func split(_ line: ArraySlice<UInt8>, separator: Separator)
    -> [ArraySlice<UInt8>]
  {
    switch separator {
    case .whitespace: return line.fieldsSeparatedByWhitespace()
    case .tab: return line.fields(separatedBy: 0x09)
    }
  }

  public mutating func next() throws -> Sentence? {
    try nextSkippingMalformed()
  }

  /// Skips to the blank line that ends the current sentence.
  mutating func skipRest(after error: CorpusError) throws {
    try lines.skipRestOfSentence(afterErrorOnLine: error.line, isBreak: \.isBlank)
  }

  mutating func parseSentence() throws -> Sentence? {
    var sentence = Sentence(columnNames: columnNames, defaultTagColumn: defaultTagColumn)
    var documentStart: String?
    var blockStart: Int?  // the line of a -DOCSTART- that opens the sentence's block
    while let line = try lines.nextLine() {
      if line.isBlank {
        if !sentence.tokens.isEmpty { return sentence }
        if let text = documentStart, !text.hasSuffix("\n") { documentStart = text + "\n" }
        blockStart = nil
        continue
      }
      let fields = Self.split(line, separator: separator)
      if Self.isDocumentStart(fields) {
        guard sentence.tokens.isEmpty else {
          throw lines.error(.invalidContent("-DOCSTART- line inside a sentence"), quoting: line)
        }
        documentStart = try lines.decode(line, in: line)
        blockStart = lines.lineNumber
        continue
      }
      if sentence.tokens.isEmpty {
        sentence.sourceLine = blockStart ?? lines.lineNumber
        if let documentStart {
          sentence.attributes.append((Self.documentStartAttribute, documentStart))
        }
      }
      guard sentence.tokens.count < SentenceLimit.maxLines else {
        throw lines.error(SentenceLimit.exceeded)
      }
      sentence.tokens.append(try token(fields, line: line))
    }
    return sentence.tokens.isEmpty ? nil : sentence
  }

  /// Decodes one token line.
  private func token(_ fields: [ArraySlice<UInt8>], line: ArraySlice<UInt8>) throws -> Token {
    guard fields.count == columnNames.count else {
      let kind: CorpusError.Kind =
        separator == .tab
        ? .raggedLine(expected: columnNames.count, found: fields.count)
        : .columnCount(expected: columnNames.count, found: fields.count)
      throw lines.error(kind, quoting: line)
    }
    let values = try fields.map { try lines.decode($0, in: line) }
    guard wordIndex < values.count else {
      throw lines.error(
        .invalidContent("word column \(wordIndex + 1) does not exist in \(values.count) columns"),
        quoting: line)
    }
    guard !values[wordIndex].isEmpty else { throw lines.error(.emptyForm, quoting: line) }
    return Token(form: values[wordIndex], values: values)
  }
}
