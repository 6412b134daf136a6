import Foundation

/// Reads one labelled sentence per line, words split on spaces and tabs.
///
/// Grammar per line: `LABEL<TAB>text` (the label is everything before the first tab), or
/// fastText's `__label__LABEL text` (the first word carries the label; more than one
/// `__label__` word is rejected, since a sentence has one label). A line with neither is a
/// sentence without a label. Blank lines are skipped. Sentences have one column, `form`.
///
/// - Throws: `CorpusError` with file and line for an empty label, several fastText labels or
///   invalid UTF-8.
public struct LabeledLineReader: SentenceReader, LenientSentenceParsing {
  /// The column names of every sentence.
  public static let columnNames = ["form"]
  /// The prefix of a fastText label word.
  public static let fastTextPrefix = "__label__"

  /// Whether malformed lines are skipped and counted instead of stopping the reader.
  public let skipsMalformed: Bool
  /// The errors of the lines skipped in lenient mode.
  public internal(set) var skippedErrors: [CorpusError] = []

  private var lines: LineReader

  /// Opens `path`.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be read.
  public init(path: String, skipMalformed: Bool = false) throws {
    lines = try LineReader(path: path)
    skipsMalformed = skipMalformed
  }

  /// Reads `text` (for tests and in-memory input).
  public init(text: String, name: String = "<text>", skipMalformed: Bool = false) {
    lines = LineReader(bytes: Array(text.utf8), path: name)
    skipsMalformed = skipMalformed
  }

  /// The next sentence, or nil at the end of the file.
  ///
  /// - Throws: `CorpusError` for a malformed line (unless skipping them).
  public mutating func next() throws -> Sentence? {
    try nextSkippingMalformed()
  }

  mutating func parseSentence() throws -> Sentence? {
    while let line = try lines.nextLine() {
      if !line.isBlank { return try sentence(from: line) }
    }
    return nil
  }

  mutating func skipRest(after error: CorpusError) {}

  private func sentence(from line: ArraySlice<UInt8>) throws -> Sentence {
    var sentence = Sentence(
      columnNames: Self.columnNames, defaultTagColumn: 0, sourceLine: lines.lineNumber)
    var text = line
    if let tab = line.firstIndex(of: 0x09), !line.starts(with: Self.fastTextPrefix.utf8) {
      let label = try lines.decode(line[line.startIndex..<tab], in: line)
      guard !label.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw lines.error(.invalidContent("empty label before the tab"), quoting: line)
      }
      sentence.label = label
      text = line[(tab + 1)...]
    }
    for field in text.fieldsSeparatedByWhitespace() {
      let word = try lines.decode(field, in: line)
      if word.hasPrefix(Self.fastTextPrefix) {
        guard sentence.label == nil else {
          throw lines.error(
            .invalidContent("expected one label per line, found another"), quoting: field)
        }
        let label = String(word.dropFirst(Self.fastTextPrefix.count))
        guard !label.isEmpty else {
          throw lines.error(.invalidContent("empty \(Self.fastTextPrefix) label"), quoting: line)
        }
        sentence.label = label
        continue
      }
      sentence.tokens.append(Token(form: word, values: [word]))
    }
    return sentence
  }
}
