/// A writer that can write one sentence in consecutive parts, so that a very long sentence's
/// tokens need not all be held at once (`tagcli tag` writes a long line window by window).
///
/// Writing the parts of a sentence, the first with `isFirst` and the last with `isLast`, gives
/// exactly the text that `write(_:)` gives for the whole sentence.
public protocol SentencePartWriter: SentenceWriter {
  /// Writes consecutive tokens of one sentence: `part` holds them with the sentence's columns
  /// (and its label and confidences, when it has them).
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails, or `.missingTagLayer`.
  mutating func writePart(_ part: Sentence, isFirst: Bool, isLast: Bool) throws
}
