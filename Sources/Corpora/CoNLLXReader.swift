import Foundation

/// Reads CoNLL-X sentences (the CoNLL 2006 dependency format) one at a time.
///
/// Accepts 10 tab-separated fields per line, named `id form lemma cpostag postag feats head
/// deprel phead pdeprel`, blank-line sentence breaks and (as an extension) `#` comment lines
/// before a sentence, which are kept so the file round-trips byte for byte. IDs run `1, 2, …, n`
/// in every sentence. The default tag layer is `cpostag`. Fields are split on tabs only and never
/// trimmed; a `\r` before a line break is dropped.
///
/// Rejects ragged lines, IDs out of sequence (CoNLL-U ranges `3-4` and empty nodes `8.1`
/// included), invalid UTF-8, empty forms and sentences without words. The parsing is the
/// CoNLL-U reader's, run with the CoNLL-X dialect.
///
/// - Throws: `CorpusError` with file and line; in lenient mode (`skipMalformed`) the bad
///   sentence is skipped and its error recorded in `skippedErrors` instead.
public struct CoNLLXReader: SentenceReader {
  /// The ten CoNLL-X column names.
  public static let columnNames = CoNLLDialect.conllx.columnNames

  private var base: CoNLLUReader

  /// Whether malformed sentences are skipped (and recorded) rather than thrown.
  public var skipsMalformed: Bool { base.skipsMalformed }
  public var skippedErrors: [CorpusError] { base.skippedErrors }

  /// Opens a CoNLL-X file; the path `-` reads standard input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, skipMalformed: Bool = false) throws {
    base = CoNLLUReader(
      lines: try LineReader(path: path), skipMalformed: skipMalformed, dialect: .conllx)
  }

  /// Reads CoNLL-X text held in memory; `name` stands for the file in error messages.
  public init(text: String, name: String = "<text>", skipMalformed: Bool = false) {
    base = CoNLLUReader(
      lines: LineReader(bytes: Array(text.utf8), path: name), skipMalformed: skipMalformed,
      dialect: .conllx)
  }

  public mutating func next() throws -> Sentence? {
    try base.next()
  }
}
