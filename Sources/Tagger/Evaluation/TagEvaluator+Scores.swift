extension TagEvaluator {
  /// Everything measured so far, with the ten most frequent confusions.
  public var scores: Scores { scores(confusionLimit: 10) }

  /// Everything measured so far.
  ///
  /// - Parameter confusionLimit: how many of the most frequent confusions to list.
  /// - Complexity: O(L log L + K²) for L distinct tags and a confusion matrix of K ≤ 200 of
  ///   them, independent of the words.
  public func scores(confusionLimit: Int) -> Scores {
    let labels = Set(goldCounts.keys).union(predictedCounts.keys).sorted()
    var tags: [String: TagScores] = [:]
    for label in labels {
      tags[label] = TagScores(
        support: goldCounts[label, default: 0], predicted: predictedCounts[label, default: 0],
        correct: correctCounts[label, default: 0])
    }
    let vocabularySplit = seenWords.map { _ in seenUnseenSplit() }
    return Scores(
      tokens: tokenCount, correctTokens: correctTokenCount, accuracy: accuracy,
      sentences: sentenceCount, correctSentences: correctSentenceCount,
      sentenceAccuracy: percentage(correctSentenceCount, of: sentenceCount),
      tags: tags, macroAverage: .macro(tags.values), weightedAverage: .weighted(tags.values),
      confusionMatrix: confusionMatrix(labels: labels),
      topConfusions: topConfusions(limit: confusionLimit),
      seen: vocabularySplit?.seen, unseen: vocabularySplit?.unseen,
      seenTokens: vocabularySplit?.seenTokens, unseenTokens: vocabularySplit?.unseenTokens,
      unseenRule: seenWords?.rule,
      chunks: chunkScores())
  }

  /// The scheme chunks are read in, or nil when they are not scored.
  public var effectiveChunkScheme: ChunkScheme? {
    switch chunkScoring {
    case .disabled: return nil
    case .scheme(let scheme): return scheme
    case .automatic: return chunkCounter.evidence.detectedScheme
    }
  }

  private func chunkScores() -> ChunkScores? {
    guard let scheme = effectiveChunkScheme else { return nil }
    return chunkCounter.scores(scheme: scheme, tokenAccuracy: accuracy)
  }

  private func seenUnseenSplit() -> (
    seen: Double?, unseen: Double?, seenTokens: Int, unseenTokens: Int
  ) {
    let unseenCount = tokenCount - seenCount
    let unseenCorrectCount = correctTokenCount - seenCorrectCount
    return (
      seen: seenCount > 0 ? percentage(seenCorrectCount, of: seenCount) : nil,
      unseen: unseenCount > 0 ? percentage(unseenCorrectCount, of: unseenCount) : nil,
      seenTokens: seenCount, unseenTokens: unseenCount
    )
  }

  /// The matrix over `labels`, or over the `ConfusionMatrix.maximumLabels` most frequent of them
  /// (gold plus predicted words, ties by name) when there are more.
  private func confusionMatrix(labels allLabels: [String]) -> ConfusionMatrix {
    var labels = allLabels
    var omitted: Int?
    if allLabels.count > ConfusionMatrix.maximumLabels {
      let frequency = { (label: String) in
        goldCounts[label, default: 0] + predictedCounts[label, default: 0]
      }
      labels = allLabels.sorted { (frequency($0), $1) > (frequency($1), $0) }
        .prefix(ConfusionMatrix.maximumLabels).sorted()
      omitted = allLabels.count - labels.count
    }
    var indexOf: [String: Int] = [:]
    for (index, label) in labels.enumerated() { indexOf[label] = index }
    var counts = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
    for (label, count) in correctCounts {
      guard let index = indexOf[label] else { continue }
      counts[index][index] = count
    }
    for (pair, tally) in errors {
      guard let row = indexOf[pair.gold], let column = indexOf[pair.predicted] else { continue }
      counts[row][column] = tally.count
    }
    return ConfusionMatrix(labels: labels, counts: counts, omittedLabels: omitted)
  }

  private func topConfusions(limit: Int) -> [Confusion] {
    let sorted = errors.sorted {
      ($0.value.count, $1.key.gold, $1.key.predicted) > (
        $1.value.count, $0.key.gold, $0.key.predicted
      )
    }
    return sorted.prefix(max(limit, 0)).map {
      Confusion(
        gold: $0.key.gold, predicted: $0.key.predicted, count: $0.value.count,
        examples: $0.value.examples)
    }
  }
}
