import Foundation

/// Reads `word/TAG` text: one sentence per line, or Penn Treebank `.pos` files.
///
/// Tokens are separated by spaces and tabs. The tag is what follows the last unescaped `/`; `\/`
/// in the word stands for `/` (`1\/2/CD` is the word `1/2` with tag `CD`). Columns are
/// `word tag`; the default tag layer is `tag`.
///
/// - `.oneSentencePerLine`: every non-blank line is a sentence; blank lines are skipped.
/// - `.penn`: a sentence is a blank-line-separated chunk of lines (so one sentence may span
///   several lines, and a chunk is not always a linguistic sentence); the base-NP brackets `[`
///   and `]` are not tokens, lines of `=` (paragraph marks) are skipped, and a chunk without
///   tokens is not a sentence.
///
/// Rejects a token without `/TAG` (or with an empty tag), an empty word and invalid UTF-8, with
/// line and byte column. With `requiresTag` false (untagged or partly tagged input) a token
/// without a slash is all word, and it or a token ending in `/` gets an empty tag.
///
/// - Throws: `CorpusError` with file, line and column; in lenient mode (`skipMalformed`) the
///   bad sentence is skipped and its error recorded in `skippedErrors` instead.
public struct WordTagReader: SentenceReader, LenientSentenceParsing {
  /// How sentences are laid out.
  public enum Style: Sendable {
    /// One sentence per line (`CorpusFormat.wordTag`).
    case oneSentencePerLine
    /// Penn Treebank `.pos`: blank-line-separated chunks with `[ ]` and `======` lines.
    case penn
  }

  /// The column names of every sentence.
  public static let columnNames = ["word", "tag"]

  /// Whether malformed sentences are skipped (and recorded) rather than thrown.
  public let skipsMalformed: Bool
  public internal(set) var skippedErrors: [CorpusError] = []

  /// Whether every token must have a tag (see `ReaderOptions.requiresTag`).
  public let requiresTag: Bool

  private var lines: LineReader
  private let style: Style

  /// Opens a `word/TAG` file; the path `-` reads standard input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(
    path: String, style: Style = .oneSentencePerLine, skipMalformed: Bool = false,
    requiresTag: Bool = true
  ) throws {
    self.init(
      lines: try LineReader(path: path), style: style, skipMalformed: skipMalformed,
      requiresTag: requiresTag)
  }

  /// Reads `word/TAG` text held in memory; `name` stands for the file in error messages.
  public init(
    text: String, name: String = "<text>", style: Style = .oneSentencePerLine,
    skipMalformed: Bool = false, requiresTag: Bool = true
  ) {
    self.init(
      lines: LineReader(bytes: Array(text.utf8), path: name), style: style,
      skipMalformed: skipMalformed, requiresTag: requiresTag)
  }

  init(lines: LineReader, style: Style, skipMalformed: Bool, requiresTag: Bool) {
    self.lines = lines
    self.style = style
    self.skipsMalformed = skipMalformed
    self.requiresTag = requiresTag
  }

  public mutating func next() throws -> Sentence? {
    try nextSkippingMalformed()
  }

  /// Skips to the blank line that ends a Penn chunk; a line is a whole sentence otherwise.
  mutating func skipRest(after error: CorpusError) throws {
    guard style == .penn else { return }
    try lines.skipRestOfSentence(afterErrorOnLine: error.line, isBreak: \.isBlank)
  }

  mutating func parseSentence() throws -> Sentence? {
    var sentence = Sentence(columnNames: Self.columnNames, defaultTagColumn: 1)
    while let line = try lines.nextLine() {
      if line.isBlank {
        if !sentence.tokens.isEmpty { return sentence }
        continue
      }
      if style == .penn && line.first == UInt8(ascii: "=") && line.allSatisfy({ $0 == 0x3D }) {
        continue
      }
      if sentence.tokens.isEmpty { sentence.sourceLine = lines.lineNumber }
      for field in line.fieldsSeparatedByWhitespace() {
        if style == .penn && field.count == 1
          && (field.first == UInt8(ascii: "[") || field.first == UInt8(ascii: "]"))
        {
          continue
        }
        sentence.tokens.append(try token(field, line: line))
      }
      if style == .oneSentencePerLine { return sentence }
    }
    return sentence.tokens.isEmpty ? nil : sentence
  }

  /// Splits one `word/TAG` field at its last unescaped slash. When tags are not required, a
  /// field without a slash is all word and a tag may be empty.
  private func token(_ field: ArraySlice<UInt8>, line: ArraySlice<UInt8>) throws -> Token {
    let column = field.startIndex - line.startIndex + 1
    let slash = Self.lastUnescapedSlash(in: field)
    let hasTag = slash.map { $0 + 1 < field.endIndex } ?? false
    guard hasTag || !requiresTag else {
      throw lines.error(
        .invalidContent("expected word/TAG, found no tag after the word"), column: column,
        quoting: field)
    }
    let wordEnd = slash ?? field.endIndex
    guard wordEnd > field.startIndex else {
      throw lines.error(.emptyForm, column: column, quoting: field)
    }
    var word = try lines.decode(field[..<wordEnd], in: line)
    if word.contains("\\/") { word = word.replacingOccurrences(of: "\\/", with: "/") }
    let tag = hasTag ? try lines.decode(field[(wordEnd + 1)...], in: line) : ""
    return Token(form: word, values: [word, tag])
  }

  /// The index of the last `/` in `field` that is not escaped as `\/`.
  private static func lastUnescapedSlash(in field: ArraySlice<UInt8>) -> Int? {
    let slash = UInt8(ascii: "/")
    let backslash = UInt8(ascii: "\\")
    var index = field.endIndex - 1
    while index >= field.startIndex {
      if field[index] == slash && (index == field.startIndex || field[index - 1] != backslash) {
        return index
      }
      index -= 1
    }
    return nil
  }
}
