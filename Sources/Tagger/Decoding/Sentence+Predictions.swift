import Corpora

/// Predictions as Corpora sentences, so that `tagcli tag` and the server write them through the
/// Corpora writers (one escaping rule per format) with the confidences the user asked for.
extension Sentence {
  /// A sentence of `words` as a model predicted it: a `word` column, the tags in a column named
  /// `tagColumn` (none when nil: a model without a tag head), the tags' and the label's
  /// confidences, and `# text = …` as its comment (CoNLL-U writes it).
  ///
  /// - Parameters:
  ///   - predictions: one per word, or empty without a tag head.
  ///   - label: the predicted label, nil without a label head.
  ///   - labelKey: the name the label is written under.
  ///   - layerColumns: the column names of a several-layer model's other layers (`xpos`,
  ///     `feats`), filled from each prediction's `layerTags`; empty for one layer.
  public init(
    words: [String], predictions: [TagPrediction], label: LabelPrediction? = nil,
    tagColumn: String?, labelKey: String = Sentence.defaultLabelKey, layerColumns: [String] = []
  ) {
    precondition(
      tagColumn == nil ? predictions.isEmpty : predictions.count == words.count,
      "Sentence(words:predictions:): \(words.count) words, \(predictions.count) predictions")
    let layerColumns = tagColumn == nil ? [] : layerColumns
    let tokens = words.indices.map { index in
      Token(
        form: words[index],
        values: [words[index]] + (tagColumn == nil ? [] : [predictions[index].tag])
          + layerColumns.indices.map { predictions[index].layerTags[$0] })
    }
    self.init(
      columnNames: ["word"] + (tagColumn.map { [$0] } ?? []) + layerColumns, tokens: tokens,
      comments: [Self.textComment(words)],
      defaultTagColumn: 1)  // past the words alone when there is no tag column: no layer
    tagConfidences = predictions.map(\.confidence)
    self.label = label?.label
    self.labelKey = labelKey
    labelConfidence = label?.confidence
  }

  /// The `# text = …` comment of a sentence of `words` as a model predicted it.
  public static func textComment(_ words: [String]) -> String {
    "# text = " + words.joined(separator: " ")
  }

  /// The name of the predicted tags' column in a sentence written as `format`: `tags` in JSON
  /// Lines (the key `tagcli tag` writes), `pos` in XML, UPOS in CoNLL (XPOS for a model of the
  /// `xpos` layer), `tag` elsewhere.
  public static func predictedTagColumn(for format: CorpusFormat, modelLayer: LayerSelector)
    -> String
  {
    switch format {
    case .jsonl: return "tags"
    case .tiger, .tei, .alpino, .xml: return "pos"
    case .conllu, .conllx: return modelLayer == .name("xpos") ? "xpos" : "upos"
    case .columns, .tsv, .wordTag, .penn, .plain, .labeled: return "tag"
    }
  }
}

extension TagPrediction {
  /// The probability and the alternatives, as Corpora keeps them.
  public var confidence: Confidence {
    Confidence(
      probability: probability,
      alternatives: alternatives.map { .init(value: $0.tag, probability: $0.probability) })
  }
}

extension LabelPrediction {
  /// The probability and the alternatives, as Corpora keeps them.
  public var confidence: Confidence {
    Confidence(
      probability: probability,
      alternatives: alternatives.map { .init(value: $0.label, probability: $0.probability) })
  }
}
