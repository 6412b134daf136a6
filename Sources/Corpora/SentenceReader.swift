/// A streaming source of sentences: memory holds one sentence, not the file.
///
/// ```swift
/// var reader = try CoNLLUReader(contentsOf: url)
/// while let sentence = try reader.next() { … }
/// ```
public protocol SentenceReader {
  /// The next sentence, or nil at the end of the input.
  ///
  /// - Throws: `CorpusError` naming file and line when the input breaks its format.
  mutating func next() throws -> Sentence?

  /// Problems skipped in lenient mode (`--skip-malformed`), in input order.
  var skippedErrors: [CorpusError] { get }
}

extension SentenceReader {
  /// Reads all remaining sentences into an array.
  ///
  /// - Throws: `CorpusError` on malformed input.
  public mutating func readAll() throws -> [Sentence] {
    var sentences: [Sentence] = []
    while let sentence = try next() { sentences.append(sentence) }
    return sentences
  }
}
