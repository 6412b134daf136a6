/// The words that count as seen in training when accuracy is split into seen and unseen words,
/// and the rule they follow.
///
/// The standard rule (`exactForm`) is the one POS-tagging papers and other taggers use: a word
/// is unseen when its exact form never occurs in the training data, with no lowercasing and no
/// minimum count. `modelVocabulary` is the fallback for a model file that stores no training
/// forms: the model's word vocabulary, after its normalisation, which leaves out words seen fewer
/// than `--min-word-count` times and folds case and digits, so its unseen figures are not
/// comparable with other taggers'.
public struct SeenWords: Sendable {
  /// How the seen words were chosen; reported with the figures.
  public enum Rule: String, Sendable, Codable, Equatable {
    /// Unseen: the exact form never occurs in the training data.
    case exactForm = "exact-form"
    /// Unseen: the normalised word is not in the model's word vocabulary.
    case modelVocabulary = "model-vocabulary"
  }

  /// The rule that chose `words`.
  public let rule: Rule
  /// The seen words, in the form `normalize` gives.
  let words: Set<String>
  /// Applied to a word before the lookup; nil looks words up as written.
  let normalize: (@Sendable (String) -> String)?

  /// Seen words under `rule`, looked up after `normalize` (nil: as written).
  public init(
    _ words: Set<String>, rule: Rule, normalize: (@Sendable (String) -> String)? = nil
  ) {
    self.words = words
    self.rule = rule
    self.normalize = normalize
  }

  /// The standard rule: every form of `forms` is seen, exactly as written.
  public static func exactForms(_ forms: some Sequence<String>) -> SeenWords {
    SeenWords(Set(forms), rule: .exactForm)
  }

  /// Whether `word` counts as seen.
  public func contains(_ word: String) -> Bool {
    words.contains(normalize?(word) ?? word)
  }
}
