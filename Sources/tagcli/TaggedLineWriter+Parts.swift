import Tagger

extension TaggedLineWriter {
  /// Whether a line can be written in consecutive parts (`wordtag` and `tsv`), so that a very long
  /// line's predictions need not all be held at once.
  var writesLinesInParts: Bool { format == .wordtag || format == .tsv }

  /// Writes consecutive words of one line and their predictions; `isLast` ends the line.
  ///
  /// The concatenated parts are exactly what `write(words:predictions:)` writes for the whole line.
  mutating func writePart(
    words: ArraySlice<String>, predictions: ArraySlice<TagPrediction>, isFirst: Bool, isLast: Bool
  ) throws {
    precondition(writesLinesInParts, "\(format) lines cannot be written in parts")
    var text = ""
    for (offset, (word, prediction)) in zip(words, predictions).enumerated() {
      if format == .wordtag {
        if !(isFirst && offset == 0) { text += " " }
        text +=
          word.replacingOccurrences(of: "/", with: "\\/") + "/"
          + annotated(prediction, separator: "/")
      } else {
        text += word + "\t" + annotated(prediction, separator: "\t") + "\n"
      }
    }
    if isLast { text += "\n" }
    try output.write(text)
  }
}
