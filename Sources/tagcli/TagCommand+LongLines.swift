import Corpora
import Tagger

extension TagCommand {
  /// Whether a line of `words` is tagged and written window by window instead of in a batch.
  /// Never with a label head: a sentence's label reads the whole sentence.
  func isLongLine(_ words: [String], tagger: TaggerModel, writer: TaggedLineWriter) -> Bool {
    words.count > maxSentenceLength && writer.writesLinesInParts && tagger.heads.label == nil
  }

  /// The most words of one line or sentence a label model reads
  /// (`TaggerModel.labelledSentenceWordLimit`).
  static let labelledSentenceWordLimit = TaggerModel.labelledSentenceWordLimit

  /// Refuses a sentence of `wordCount` words that a label model cannot read whole
  /// (`labelledSentenceWordLimit`).
  ///
  /// - Throws: `CorpusError` naming the file and line.
  func refuseOverlongLabelledSentence(
    wordCount: Int, tagger: TaggerModel, file: String, line: Int?
  ) throws {
    guard tagger.heads.label != nil, wordCount > Self.labelledSentenceWordLimit else { return }
    throw CorpusError(
      .invalidContent(
        "a sentence of \(wordCount) words: a label model reads a sentence whole, up to"
          + " \(Self.labelledSentenceWordLimit) words"), file: file, line: line)
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
