/// Counts gold, predicted and correctly predicted chunks, sentence by sentence, as conlleval does.
///
/// A transcription of the state machine of conlleval.pl (CoNLL-2000 shared task), extended to
/// `E-` and `S-` as its IOBES ports are:
/// - a chunk **starts** on `B` or `S`; on `I` or `E` after `O`, `E` or `S` (an `I-` after `O`
///   opens a chunk, it is not dropped); and on any chunk tag whose type differs from the previous
///   tag's. In IOB1 a `B-` only appears after `I-`/`B-` of the same type, and starts a chunk there.
/// - a chunk **ends** before `O`, `B` or `S`, after `E` or `S`, and at a type change.
/// - a predicted chunk is **correct** when it starts where a gold chunk starts, with the same type,
///   and both end on the same word.
/// A sentence boundary ends every chunk. Tags without a known prefix count as `O`.
struct ChunkCounter: Sendable, Equatable {
  /// Gold chunks by type.
  private(set) var goldChunks: [Substring: Int] = [:]
  /// Predicted chunks by type.
  private(set) var predictedChunks: [Substring: Int] = [:]
  /// Correctly predicted chunks by type.
  private(set) var correctChunks: [Substring: Int] = [:]
  /// What the gold tags say about their scheme.
  private(set) var evidence = ChunkScheme.Evidence()

  /// Adds one sentence; `gold` and `predicted` have one tag per word.
  mutating func add(gold: [String], predicted: [String]) {
    precondition(
      gold.count == predicted.count, "ChunkCounter.add: \(gold.count) gold vs \(predicted.count)")
    let goldLabels = gold.map(ChunkLabel.init)
    evidence.add(goldLabels)
    var lastGold = ChunkLabel.outside
    var lastPredicted = ChunkLabel.outside
    var isInCorrectChunk = false
    // One extra step with `O` on both sides is conlleval's sentence boundary.
    for index in 0...gold.count {
      let goldLabel = index < gold.count ? goldLabels[index] : .outside
      let predictedLabel = index < gold.count ? ChunkLabel(predicted[index]) : .outside
      if isInCorrectChunk {
        let goldEnds = Self.endsChunk(lastGold, goldLabel)
        let predictedEnds = Self.endsChunk(lastPredicted, predictedLabel)
        if goldEnds && predictedEnds && lastGold.type == lastPredicted.type {
          isInCorrectChunk = false
          correctChunks[lastGold.type, default: 0] += 1
        } else if goldEnds != predictedEnds || goldLabel.type != predictedLabel.type {
          isInCorrectChunk = false
        }
      }
      let goldStarts = Self.startsChunk(lastGold, goldLabel)
      let predictedStarts = Self.startsChunk(lastPredicted, predictedLabel)
      if goldStarts && predictedStarts && goldLabel.type == predictedLabel.type {
        isInCorrectChunk = true
      }
      if goldStarts { goldChunks[goldLabel.type, default: 0] += 1 }
      if predictedStarts { predictedChunks[predictedLabel.type, default: 0] += 1 }
      lastGold = goldLabel
      lastPredicted = predictedLabel
    }
  }

  /// Whether a chunk ends between `previous` and `current` (conlleval's `endOfChunk`).
  static func endsChunk(_ previous: ChunkLabel, _ current: ChunkLabel) -> Bool {
    switch previous.prefix {
    case .outside, .plain: return false
    case .end, .single: return true
    case .begin, .inside:
      switch current.prefix {
      case .begin, .single, .outside, .plain: return true
      case .inside, .end: return previous.type != current.type
      }
    }
  }

  /// Whether a chunk starts at `current` after `previous` (conlleval's `startOfChunk`).
  static func startsChunk(_ previous: ChunkLabel, _ current: ChunkLabel) -> Bool {
    switch current.prefix {
    case .outside, .plain: return false
    case .begin, .single: return true
    case .inside, .end:
      switch previous.prefix {
      case .outside, .plain, .end, .single: return true
      case .begin, .inside: return previous.type != current.type
      }
    }
  }

  /// The figures, read under `scheme`.
  ///
  /// - Parameter tokenAccuracy: conlleval's "accuracy": the share of words whose whole tag is right.
  func scores(scheme: ChunkScheme, tokenAccuracy: Double) -> ChunkScores {
    let types = Set(goldChunks.keys).union(predictedChunks.keys)
    var byType: [String: TagScores] = [:]
    for type in types {
      byType[String(type)] = TagScores(
        support: goldChunks[type, default: 0], predicted: predictedChunks[type, default: 0],
        correct: correctChunks[type, default: 0])
    }
    let overall = TagScores(
      support: goldChunks.values.reduce(0, +), predicted: predictedChunks.values.reduce(0, +),
      correct: correctChunks.values.reduce(0, +))
    return ChunkScores(
      scheme: scheme, goldChunks: overall.support, predictedChunks: overall.predicted,
      correctChunks: overall.correct, precision: overall.precision, recall: overall.recall,
      f1: overall.f1, tokenAccuracy: tokenAccuracy, types: byType)
  }
}
