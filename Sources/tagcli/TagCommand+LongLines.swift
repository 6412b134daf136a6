import Tagger

extension TagCommand {
  /// Whether a line of `words` is tagged and written window by window instead of in a batch.
  /// Never with a label head: a sentence's label reads the whole sentence.
  func isLongLine(_ words: [String], tagger: TaggerModel, writer: TaggedLineWriter) -> Bool {
    words.count > maxSentenceLength && writer.writesLinesInParts && tagger.heads.label == nil
  }

  /// Tags a line longer than `--max-sentence-length` in windows and writes each window's words
  /// as soon as they are tagged, so memory does not grow with the line's length.
  func tagLongLine(
    _ words: [String], tagger: TaggerModel, decoding: Decoding, writer: inout TaggedLineWriter
  ) throws {
    try tagger.predictInWindows(
      TaggerInput(words: words), decoding: decoding, maxLength: maxSentenceLength,
      topK: max(top ?? 1, 1), computesProbabilities: !confidence.isEmpty
    ) { range, predictions in
      try writer.writePart(
        words: words[range], of: words, predictions: predictions,
        isFirst: range.lowerBound == 0, isLast: range.upperBound == words.count)
    }
    try writer.flush()
  }
}
