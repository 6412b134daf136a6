import Corpora

/// What a model predicts: tags per word, one label per sentence, or both, over one shared
/// network. Saved in the model file as `heads`; a file without it is a tagger (today's models).
public struct ModelHeads: Codable, Sendable, Equatable {
  /// The tag head: one tag per word.
  public struct Tags: Codable, Sendable, Equatable {
    /// The tag layer trained on (`upos`, `pos`, a column number…), as the user chose it; saved
    /// as its string form.
    public var layer: LayerSelector

    /// A tag head for `layer`.
    public init(layer: LayerSelector) {
      self.layer = layer
    }
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

    /// A label head reading labels named `key`.
    public init(key: String, pooling: SentencePooling = .last, lossWeight: Float = 1) {
      self.key = key
      self.pooling = pooling
      self.lossWeight = lossWeight
    }
  }

  /// The tag head, nil for a sentence classifier.
  public var tags: Tags?
  /// The label head, nil for a tagger.
  public var label: SentenceLabel?

  /// Heads as given; at least one must be present.
  public init(tags: Tags?, label: SentenceLabel?) {
    precondition(tags != nil || label != nil, "ModelHeads: a model needs a tag or a label head")
    self.tags = tags
    self.label = label
  }

  /// A tagger of `layer` (what a model file without `heads` holds).
  public static func tagger(layer: LayerSelector) -> ModelHeads {
    ModelHeads(tags: Tags(layer: layer), label: nil)
  }

  /// A short description for messages: `tags (upos)`, `label (class)`, `tags (pos) and label
  /// (class)`.
  public var summary: String {
    let parts = [tags.map { "tags (\($0.layer))" }, label.map { "label (\($0.key))" }]
    return parts.compactMap { $0 }.joined(separator: " and ")
  }
}
