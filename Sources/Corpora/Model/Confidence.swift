/// How sure an annotator (a tagger, a classifier) was of one value it chose: that value's
/// probability and the most probable values with theirs, most probable first.
///
/// Sentences carry confidences next to their tags (`Sentence.tagConfidences`) and label
/// (`Sentence.labelConfidence`); writers add them to the text when `WriterOptions.confidence`
/// asks for them. Corpora only keeps and writes these numbers; where they come from is the
/// annotator's business.
public struct Confidence: Sendable, Equatable {
  /// A value and its probability.
  public struct Alternative: Sendable, Equatable {
    /// The value (a tag or a label).
    public var value: String
    /// Its probability, in [0, 1].
    public var probability: Float

    /// An alternative `value` with `probability`.
    public init(value: String, probability: Float) {
      self.value = value
      self.probability = probability
    }
  }

  /// The probability of the chosen value.
  public var probability: Float
  /// The most probable values, most probable first (the chosen one usually among them).
  public var alternatives: [Alternative]

  /// A confidence of `probability` with `alternatives`.
  public init(probability: Float, alternatives: [Alternative] = []) {
    self.probability = probability
    self.alternatives = alternatives
  }
}
