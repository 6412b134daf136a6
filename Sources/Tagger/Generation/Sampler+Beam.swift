extension Sampler {
  /// The `width` most probable complete sequences after `prompt`, best first, by beam search.
  ///
  /// At each step every live hypothesis is extended by every allowed symbol; the `width` best
  /// extensions overall are kept, those ending in the end symbol become finished sequences and
  /// the others stay live. A hypothesis of `maxLength` symbols can only end. The search stops when
  /// nothing is live, or when `width` sequences are finished and none of the live hypotheses
  /// scores better than the worst of them (log-probabilities only fall as a sequence grows). With
  /// `width` 1 this is greedy decoding; with a width at least the number of possible sequences it
  /// is exhaustive, so it returns exactly the best sequences.
  ///
  /// - Parameters:
  ///   - decoder: The decoder.
  ///   - state: The initial state of one sequence.
  ///   - prompt: Symbols fed before generating (at least one).
  ///   - width: K ≥ 1.
  ///   - limits: The end symbol, length limit and excluded symbols.
  /// - Returns: Up to `width` complete sequences with their log-probabilities, best first (ties
  ///   keep the order in which they were found).
  public static func beamSearch<Decoder: StepDecoder>(
    _ decoder: Decoder, state: Decoder.State, prompt: [Int], width: Int, limits: GenerationLimits
  ) -> [GeneratedSequence] {
    precondition(width >= 1 && !prompt.isEmpty, "Sampler.beamSearch: width \(width)")
    var state = state
    var logits = Matrix(rows: 0, columns: 0)
    for symbol in prompt { logits = decoder.step([symbol], state: &state) }
    var live = [GeneratedSequence(symbols: [], logProbability: 0, isComplete: false)]
    var finished: [GeneratedSequence] = []
    while !live.isEmpty {
      var candidates: [(parent: Int, symbol: Int, score: Double)] = []
      for (row, hypothesis) in live.enumerated() {
        let logProbabilities = logSoftmax(logits, row: row)
        let mustEnd = hypothesis.symbols.count >= limits.maxLength
        for (symbol, logProbability) in logProbabilities.enumerated()
        where !limits.excludedSymbols.contains(symbol) && (!mustEnd || symbol == limits.endSymbol) {
          candidates.append((row, symbol, hypothesis.logProbability + logProbability))
        }
      }
      // A stable sort keeps ties in parent-then-symbol order, so the result is deterministic.
      let best = candidates.enumerated().sorted {
        $0.element.score != $1.element.score
          ? $0.element.score > $1.element.score : $0.offset < $1.offset
      }.prefix(width).map(\.element)
      var nextLive: [GeneratedSequence] = []
      var parents: [Int] = []
      for candidate in best {
        var sequence = live[candidate.parent]
        sequence.logProbability = candidate.score
        if candidate.symbol == limits.endSymbol {
          sequence.isComplete = true
          finished.append(sequence)
        } else {
          sequence.symbols.append(candidate.symbol)
          nextLive.append(sequence)
          parents.append(candidate.parent)
        }
      }
      finished = Array(
        finished.enumerated().sorted {
          $0.element.logProbability != $1.element.logProbability
            ? $0.element.logProbability > $1.element.logProbability : $0.offset < $1.offset
        }.prefix(width).map(\.element))
      if finished.count >= width, let worst = finished.last?.logProbability,
        nextLive.allSatisfy({ $0.logProbability <= worst })
      {
        break
      }
      live = nextLive
      guard !live.isEmpty else { break }
      state = decoder.selecting(state, rows: parents)
      logits = decoder.step(live.map { $0.symbols[$0.symbols.count - 1] }, state: &state)
    }
    return finished
  }
}
