import Corpora
import Tagger

extension TagCommand {
  /// Writes lines tagged by a model with a label head: the label, and the tags with a tag head.
  func writeWithLabels(
    _ lines: [[String]], tagger: TaggerModel, decoding: Decoding, writer: inout TaggedLineWriter
  ) throws {
    let predictions = tagger.predictSentencesInBatches(
      lines, topK: max(top ?? 1, 1), temperature: decoding.temperature)
    for (words, prediction) in zip(lines, predictions) {
      try writer.write(words: words, predictions: prediction.tags, label: prediction.label)
    }
    try writer.flush()
  }

  /// Writes corpus sentences with the model's label (under the model's label key) and, with a
  /// tag head, its tags in `layer` (a new column named `defaultName` for a default layer the
  /// sentence lacks); with the confidences `--probs`/`--top` ask for.
  func writeLabelled(
    _ sentences: [Sentence], tagger: TaggerModel, decoding: Decoding, layer: LayerSelector,
    path: String, defaultName: String, writer: inout any SentenceWriter
  ) throws {
    for sentence in sentences {
      try refuseOverlongLabelledSentence(
        wordCount: sentence.tokens.count, tagger: tagger, file: path, line: sentence.sourceLine)
    }
    let predictions = tagger.predictSentencesInBatches(
      try sentences.map { try tagger.input(for: $0, file: path) }, topK: max(top ?? 1, 1),
      temperature: decoding.temperature)
    for (sentence, prediction) in zip(sentences, predictions) {
      var labelled = sentence
      labelled.label = prediction.label?.label
      labelled.labelKey = tagger.heads.label?.key ?? Sentence.defaultLabelKey
      if !confidence.isEmpty {
        labelled.labelConfidence = prediction.label?.confidence
        if tagger.heads.tags != nil { labelled.tagConfidences = prediction.tags.map(\.confidence) }
      }
      if tagger.heads.tags != nil {
        let column = try layer.column(
          fillingIn: &labelled, file: path, defaultName: defaultName)
        for (index, tag) in prediction.tags.enumerated() {
          labelled.tokens[index].values[column] = tag.tag
        }
      }
      try writer.write(labelled, readFrom: path)
    }
  }
}
