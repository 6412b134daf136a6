import Corpora

/// What a model predicts: tags per word, one label per sentence, or both, over one shared
/// network. Saved in the model file as `heads`; a file without it is a tagger (today's models).
public struct ModelHeads: Codable, Sendable, Equatable {
  /// The tag head: one tag per word.
  public struct Tags: Codable, Sendable, Equatable {
    /// The tag layer trained on (`upos`, `pos`, a column number…), as the user chose it; saved
    /// as its string form.
    public var layer: LayerSelector
    /// For a FEATS layer predicted one feature at a time (`FeatsEncoding.split`), the features
    /// (`FeatureSplit.keys`), one softmax each; nil for one tag per value (and in older files).
    /// Training fills it in from an empty list.
    public var featureKeys: [String]? = nil

    /// A tag head for `layer`.
    public init(layer: LayerSelector, featureKeys: [String]? = nil) {
      self.layer = layer
      self.featureKeys = featureKeys
    }

    /// The number of softmax outputs behind the layer: one per feature when split, else one.
    public var outputCount: Int { featureKeys?.count ?? 1 }
  }

  /// The sentence-label head: one label per sentence.
  public struct SentenceLabel: Codable, Sendable, Equatable {
    /// The name the labels were read under (`# KEY = …`, an XML attribute, a JSON key).
    public var key: String
    /// How the sentence vector is read from the stack.
    public var pooling: SentencePooling
    /// The weight of the label loss next to the tag loss (mean cross-entropy per sentence
    /// against mean cross-entropy per word).
    public var lossWeight: Float
    /// Label smoothing ε of the label loss in training (`SoftmaxCrossEntropy`); nil (and in
    /// every file written before it) is 0.
    public var smoothing: Float?

    /// A label head reading labels named `key`.
    public init(
      key: String, pooling: SentencePooling = .last, lossWeight: Float = 1, smoothing: Float? = nil
    ) {
      self.key = key
      self.pooling = pooling
      self.lossWeight = lossWeight
      self.smoothing = smoothing
    }

    /// A label head with the defaults for what it is trained beside; either choice given wins.
    ///
    /// Alone: the final states (`last`) at weight 1, where the weight only scales the one loss.
    /// Beside a tag head: `mean` at weight 0.5. With `last`, the label's whole gradient enters the
    /// stack at the two end states and runs back through the sentence, pulling the states the
    /// tag head reads towards the label; `mean` spreads it over every word, as the tag loss is
    /// spread, and half the weight keeps the tags level. On NPS Chat dev (POS and dialogue acts,
    /// 6 seeds) the joint model's POS was 0.34 under the tagger alone this way, about a point
    /// under with `last` at weight 1, and its label accuracy stayed above the classifier alone's
    /// (`Benchmarks/RESULTS.md`, 2026-12-03, twelfth session).
    ///
    /// Either way the label loss is smoothed by `defaultSmoothing`.
    public init(
      key: String, besideTagHead: Bool, pooling: SentencePooling? = nil, lossWeight: Float? = nil,
      smoothing: Float? = nil
    ) {
      self.init(
        key: key, pooling: pooling ?? (besideTagHead ? .mean : .last),
        lossWeight: lossWeight ?? (besideTagHead ? 0.5 : 1),
        smoothing: smoothing ?? Self.defaultSmoothing)
    }

    /// The label smoothing of a new label head (see Benchmarks/RESULTS.md, eighteenth session).
    public static let defaultSmoothing: Float = 0.2
  }

  /// These heads without the label head's training settings (its loss weight and smoothing):
  /// two models whose `predictedOutputs` are equal predict the same things, so they can be
  /// combined into an ensemble.
  public var predictedOutputs: ModelHeads {
    var result = self
    result.label?.lossWeight = 1
    result.label?.smoothing = nil
    return result
  }

  /// The tag head, nil for a sentence classifier.
  public var tags: Tags?
  /// The label head, nil for a tagger.
  public var label: SentenceLabel?
  /// More tag layers predicted beside `tags` from the same states (XPOS and FEATS beside UPOS),
  /// each by its own softmax; nil for one layer (and in every file written before them).
  public var additionalTags: [Tags]? = nil

  /// The lemma layer: each word's lemma from a `LemmaDictionary` learned in training, keyed by
  /// the word and its first-layer tag; nil without lemmas (and in older files).
  public var lemma: Tags? = nil

  /// The additional tag layers' softmax outputs, in order (each split FEATS layer has one per
  /// feature): what `TaggerNetwork.layerClassifiers` and `TaggerModel.layerTagSets` hold.
  public var additionalOutputCount: Int {
    (additionalTags ?? []).reduce(0) { $0 + $1.outputCount }
  }

  /// Every layer the model fills: its tag layers, then the lemma layer.
  public var outputLayers: [LayerSelector] { tagLayers + (lemma.map { [$0.layer] } ?? []) }

  /// Every tag layer, the first one (`tags`) first; empty for a sentence classifier.
  public var tagLayers: [LayerSelector] {
    guard let tags else { return [] }
    return [tags.layer] + (additionalTags ?? []).map(\.layer)
  }

  /// Heads as given; at least one must be present, and more tag layers need a tag head.
  public init(
    tags: Tags?, label: SentenceLabel?, additionalTags: [Tags]? = nil, lemma: Tags? = nil
  ) {
    precondition(tags != nil || label != nil, "ModelHeads: a model needs a tag or a label head")
    precondition(
      tags != nil || (additionalTags ?? []).isEmpty, "ModelHeads: more tag layers need a tag head")
    self.tags = tags
    self.label = label
    self.additionalTags = (additionalTags ?? []).isEmpty ? nil : additionalTags
    precondition(tags != nil || lemma == nil, "ModelHeads: lemmas need a tag head")
    self.lemma = lemma
  }

  /// A tagger of `layer` (what a model file without `heads` holds).
  public static func tagger(layer: LayerSelector) -> ModelHeads {
    ModelHeads(tags: Tags(layer: layer), label: nil)
  }

  /// A short description for messages: `tags (upos)`, `label (class)`, `tags (pos) and label
  /// (class)`.
  public var summary: String {
    let layers = outputLayers.map(\.description).joined(separator: ", ")
    let parts = [tags.map { _ in "tags (\(layers))" }, label.map { "label (\($0.key))" }]
    return parts.compactMap { $0 }.joined(separator: " and ")
  }
}
