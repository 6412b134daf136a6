/// Everything measured by comparing predicted tags with gold tags.
///
/// Percentages are numbers from 0 to 100. Produced by `TagEvaluator`; `Codable` with snake-case
/// keys (`accuracy`, `sentence_accuracy`, `tags`, `seen`, `unseen`, `unseen_rule`, `chunks`, …)
/// for `--json`.
public struct Scores: Sendable, Codable, Equatable {
  /// Words scored.
  public var tokens: Int
  /// Words whose predicted tag equals the gold tag.
  public var correctTokens: Int
  /// `100 · correctTokens / tokens`.
  public var accuracy: Double
  /// Sentences scored.
  public var sentences: Int
  /// Sentences with every word right.
  public var correctSentences: Int
  /// `100 · correctSentences / sentences`.
  public var sentenceAccuracy: Double
  /// Figures per tag, for every tag in the gold or the predicted tags.
  public var tags: [String: TagScores]
  /// The plain mean of the per-tag figures.
  public var macroAverage: AveragedScores
  /// The mean of the per-tag figures weighted by support.
  public var weightedAverage: AveragedScores
  /// Gold tag × predicted tag counts.
  public var confusionMatrix: ConfusionMatrix
  /// The most frequent errors, most frequent first.
  public var topConfusions: [Confusion]
  /// Accuracy on words seen in training, when the training words were given and such words
  /// occur.
  public var seen: Double?
  /// Accuracy on words unseen in training, when the training words were given and such words
  /// occur.
  public var unseen: Double?
  /// Words seen in training (nil without training words).
  public var seenTokens: Int?
  /// Words unseen in training (nil without training words).
  public var unseenTokens: Int?
  /// What made a word unseen (`unseen_rule`: `exact-form`, or `model-vocabulary` for a model
  /// file without training forms); nil without training words.
  public var unseenRule: SeenWords.Rule? = nil
  /// Chunk figures, when chunks were scored.
  public var chunks: ChunkScores?

  /// The tags with their figures, by decreasing support (then by name).
  public var tagsBySupport: [(tag: String, scores: TagScores)] {
    tags.map { (tag: $0.key, scores: $0.value) }.sorted {
      ($0.scores.support, $1.tag) > ($1.scores.support, $0.tag)
    }
  }

  enum CodingKeys: String, CodingKey {
    case tokens, accuracy, sentences, tags, seen, unseen, chunks
    case correctTokens = "correct_tokens"
    case correctSentences = "correct_sentences"
    case sentenceAccuracy = "sentence_accuracy"
    case macroAverage = "macro_average"
    case weightedAverage = "weighted_average"
    case confusionMatrix = "confusion_matrix"
    case topConfusions = "top_confusions"
    case seenTokens = "seen_tokens"
    case unseenTokens = "unseen_tokens"
    case unseenRule = "unseen_rule"
  }
}
