/// A streaming sink of sentences in one format.
public protocol SentenceWriter {
  /// Writes one sentence.
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails, or `.invalidContent` for a value
  ///   the format cannot hold (see `UnwritableCharacters`).
  mutating func write(_ sentence: Sentence) throws

  /// Writes whatever the format needs at the end (closing tags) and flushes.
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails.
  mutating func finish() throws
}

extension SentenceWriter {
  /// Writes `sentence`, which was read from `file` (perhaps then tagged); a value the format
  /// cannot hold is reported at the sentence's line in `file` (see `CorpusError.atSource`).
  public mutating func write(_ sentence: Sentence, readFrom file: String) throws {
    do {
      try write(sentence)
    } catch let error as CorpusError {
      throw error.atSource(of: sentence, in: file)
    }
  }
}

extension CorpusError {
  /// This error of a writer, located where the sentence it could not write was read: the
  /// input `file` (`-` for standard input) and the sentence's line there. I/O errors stay as
  /// they are.
  public func atSource(of sentence: Sentence, in file: String) -> CorpusError {
    guard isContentError else { return self }
    return CorpusError(
      .invalidContent("the sentence cannot be written to \(self.file): \(message)"),
      file: file == "-" ? "<stdin>" : file,
      line: sentence.sourceLine > 0 ? sentence.sourceLine : nil)
  }
}
