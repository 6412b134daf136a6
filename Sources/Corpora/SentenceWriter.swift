/// A streaming sink of sentences in one format.
public protocol SentenceWriter {
  /// Writes one sentence.
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails.
  mutating func write(_ sentence: Sentence) throws

  /// Writes whatever the format needs at the end (closing tags) and flushes.
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails.
  mutating func finish() throws
}
