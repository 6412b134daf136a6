/// Scores predicted tags against gold tags, accumulating sentence by sentence.
///
/// Independent of any model: the trainer feeds it dev-set predictions, `tagcli eval` the
/// sentences of two files. Each word costs a few dictionary updates, so scoring a 25,000-word
/// test set takes milliseconds.
///
/// ```swift
/// var evaluator = TagEvaluator(trainingVocabulary: vocabulary)
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

  /// Training words for the seen / unseen split.
  public let trainingVocabulary: Set<String>?
  /// Applied to a word before it is looked up in `trainingVocabulary` (a model's lowercasing and
  /// digit folding); nil looks words up as written.
  public let normalizeWord: (@Sendable (String) -> String)?
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
  ///   - trainingVocabulary: the training words, to split accuracy into seen and unseen words.
  ///     Words are looked up as written unless `normalizeWord` is given.
  ///   - normalizeWord: maps a word to its vocabulary form before the lookup.
  ///   - chunkScheme: the chunk scheme to read tags in; nil detects it from the gold tags.
  ///   - scoresChunks: false skips chunk scoring altogether.
  public init(
    trainingVocabulary: Set<String>? = nil,
    normalizeWord: (@Sendable (String) -> String)? = nil, chunkScheme: ChunkScheme? = nil,
    scoresChunks: Bool = true
  ) {
    self.trainingVocabulary = trainingVocabulary
    self.normalizeWord = normalizeWord
    if !scoresChunks {
      chunkScoring = .disabled
    } else {
      chunkScoring = chunkScheme.map { .scheme($0) } ?? .automatic
    }
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
      if let trainingVocabulary,
        trainingVocabulary.contains(normalizeWord?(words[index]) ?? words[index])
      {
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
