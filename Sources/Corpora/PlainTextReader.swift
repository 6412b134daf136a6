import Foundation

/// Reads plain text: one sentence per line, words separated by spaces and tabs.
///
/// Columns are `form tag`, the tag empty (column 1 is the default tag layer, for a tagger to
/// fill). A blank line yields a sentence with no tokens, so that a tagger can keep the input's
/// blank lines in its output; callers that train or count may skip such sentences.
///
/// Rejects invalid UTF-8 (with line and byte column).
///
/// - Throws: `CorpusError` with file and line; in lenient mode (`skipMalformed`) the bad line is
///   skipped and its error recorded in `skippedErrors` instead.
public struct PlainTextReader: SentenceReader, LenientSentenceParsing {
  /// The column names of every sentence.
  public static let columnNames = ["form", "tag"]

  /// Whether malformed lines are skipped (and recorded) rather than thrown.
  public let skipsMalformed: Bool
  public internal(set) var skippedErrors: [CorpusError] = []

  private var lines: LineReader

  /// Opens a text file; the path `-` reads standard input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, skipMalformed: Bool = false) throws {
    lines = try LineReader(path: path)
    skipsMalformed = skipMalformed
  }

  /// Reads text held in memory; `name` stands for the file in error messages.
  public init(text: String, name: String = "<text>", skipMalformed: Bool = false) {
    lines = LineReader(bytes: Array(text.utf8), path: name)
    skipsMalformed = skipMalformed
  }

  public mutating func next() throws -> Sentence? {
    try nextSkippingMalformed()
  }

  mutating func parseSentence() throws -> Sentence? {
    guard let line = try lines.nextLine() else { return nil }
    return try sentence(from: line)
  }

  /// Nothing to skip: the bad line was the whole sentence.
  mutating func skipRest(after error: CorpusError) {}

  private func sentence(from line: ArraySlice<UInt8>) throws -> Sentence {
    var sentence = Sentence(
      columnNames: Self.columnNames, defaultTagColumn: 1, sourceLine: lines.lineNumber)
    for field in line.fieldsSeparatedByWhitespace() {
      let word = try lines.decode(field, in: line)
      sentence.tokens.append(Token(form: word, values: [word, ""]))
    }
    return sentence
  }
}
