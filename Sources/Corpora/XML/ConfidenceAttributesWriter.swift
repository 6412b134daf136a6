/// Writes tag and label probabilities through an XML writer as ordinary attributes: a `prob`
/// column (one `prob="0.9876"` per token) and a `KEY_prob` sentence attribute. XML dialects have
/// no place of their own for confidences, and alternatives are left out.
struct ConfidenceAttributesWriter: SentenceWriter {
  var base: any SentenceWriter

  mutating func write(_ sentence: Sentence) throws {
    var annotated = sentence
    if sentence.tagConfidences.count == sentence.tokens.count, !sentence.tokens.isEmpty {
      annotated.columnNames.append("prob")
      for (index, confidence) in sentence.tagConfidences.enumerated() {
        annotated.tokens[index].values.append(Confidence.text(confidence.probability))
      }
    }
    if sentence.label != nil, let confidence = sentence.labelConfidence {
      annotated.attributes.append(
        (name: sentence.labelKey + "_prob", value: Confidence.text(confidence.probability)))
    }
    try base.write(annotated)
  }

  mutating func finish() throws {
    try base.finish()
  }
}
