/// Scores predicted tags against gold tags, accumulating sentence by sentence.
///
/// Independent of any model: the trainer feeds it dev-set predictions, `tagcli eval` the
/// sentences of two files. Each word costs a few dictionary updates, so scoring a 25,000-word
/// test set takes milliseconds.
///
/// ```swift
/// var evaluator = TagEvaluator(seenWords: .exactForms(trainingForms))
/// for (gold, predicted) in zip(goldSentences, predictedSentences) {
///   try evaluator.add(gold: gold, goldColumn: 3, predicted: predicted, predictedColumn: 3)
/// }
/// print(evaluator.scores.accuracy)
/// ```
public struct TagEvaluator: Sendable {
  /// How chunks are scored.
  public enum ChunkScoring: Sendable, Equatable {
    /// Score chunks when the gold tags look like chunk labels, in the detected scheme.
    case automatic
    /// Never score chunks.
    case disabled
    /// Always score chunks, reading the tags in this scheme.
    case scheme(ChunkScheme)
  }

  /// The pair of a gold and a predicted tag.
  struct TagPair: Hashable, Sendable {
    var gold: String
    var predicted: String
  }

  /// How often one error occurred, and its first distinct words.
  struct ErrorTally: Sendable {
    var count = 0
    var examples: [String] = []
  }

  /// The words seen in training, for the seen / unseen split; nil gives no split.
  public let seenWords: SeenWords?
  /// How chunks are scored.
  public let chunkScoring: ChunkScoring

  private(set) var tokenCount = 0
  private(set) var correctTokenCount = 0
  private(set) var sentenceCount = 0
  private(set) var correctSentenceCount = 0
  private(set) var goldCounts: [String: Int] = [:]
  private(set) var predictedCounts: [String: Int] = [:]
  private(set) var correctCounts: [String: Int] = [:]
  private(set) var errors: [TagPair: ErrorTally] = [:]
  private(set) var seenCount = 0
  private(set) var seenCorrectCount = 0
  private(set) var chunkCounter = ChunkCounter()

  /// Creates an empty evaluator.
  ///
  /// - Parameters:
  ///   - seenWords: the words seen in training and their rule, to split accuracy into seen and
  ///     unseen words; nil gives no split.
  ///   - chunkScheme: the chunk scheme to read tags in; nil detects it from the gold tags.
  ///   - scoresChunks: false skips chunk scoring altogether.
  public init(seenWords: SeenWords?, chunkScheme: ChunkScheme? = nil, scoresChunks: Bool = true) {
    self.seenWords = seenWords
    if !scoresChunks {
      chunkScoring = .disabled
    } else {
      chunkScoring = chunkScheme.map { .scheme($0) } ?? .automatic
    }
  }

  /// Creates an empty evaluator that splits seen and unseen words by the exact forms of
  /// `trainingForms` (the standard rule), or gives no split when it is nil.
  ///
  /// - Parameters:
  ///   - trainingForms: the words of the training data, looked up as written.
  ///   - chunkScheme: the chunk scheme to read tags in; nil detects it from the gold tags.
  ///   - scoresChunks: false skips chunk scoring altogether.
  public init(
    trainingForms: Set<String>? = nil, chunkScheme: ChunkScheme? = nil, scoresChunks: Bool = true
  ) {
    self.init(
      seenWords: trainingForms.map { SeenWords($0, rule: .exactForm) }, chunkScheme: chunkScheme,
      scoresChunks: scoresChunks)
  }

  /// The token accuracy so far, 0-100: cheap, for dev-set selection.
  public var accuracy: Double { percentage(correctTokenCount, of: tokenCount) }

  /// Adds one sentence given as tags and words.
  ///
  /// - Parameters:
  ///   - gold: the gold tag of each word.
  ///   - predicted: the predicted tag of each word; as many as `gold`.
  ///   - words: the words; as many as `gold`.
  public mutating func add(gold: [String], predicted: [String], words: [String]) {
    precondition(
      gold.count == predicted.count && gold.count == words.count,
      "TagEvaluator.add: \(gold.count) gold tags, \(predicted.count) predicted, \(words.count) words"
    )
    var isSentenceCorrect = true
    for index in gold.indices {
      let goldTag = gold[index]
      let predictedTag = predicted[index]
      let isCorrect = goldTag == predictedTag
      goldCounts[goldTag, default: 0] += 1
      predictedCounts[predictedTag, default: 0] += 1
      if isCorrect {
        correctCounts[goldTag, default: 0] += 1
        correctTokenCount += 1
      } else {
        isSentenceCorrect = false
        recordError(TagPair(gold: goldTag, predicted: predictedTag), word: words[index])
      }
      if let seenWords, seenWords.contains(words[index]) {
        seenCount += 1
        if isCorrect { seenCorrectCount += 1 }
      }
    }
    tokenCount += gold.count
    sentenceCount += 1
    if isSentenceCorrect { correctSentenceCount += 1 }
    if chunkScoring != .disabled { chunkCounter.add(gold: gold, predicted: predicted) }
  }

  private mutating func recordError(_ pair: TagPair, word: String) {
    errors[pair, default: ErrorTally()].count += 1
    if let tally = errors[pair], tally.examples.count < 3, !tally.examples.contains(word) {
      errors[pair]?.examples.append(word)
    }
  }
}
