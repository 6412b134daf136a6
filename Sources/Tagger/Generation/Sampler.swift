import Foundation

/// How the next symbol is chosen.
public enum SamplingStrategy: Sendable, Equatable {
  /// The most probable symbol (the first one on ties).
  case greedy
  /// A draw from `softmax(logits / temperature)` (temperature > 0), restricted to the `topK`
  /// most probable symbols when `topK` is given.
  case multinomial(temperature: Float, topK: Int?)
}

/// When generation ends and what it may produce.
public struct GenerationLimits: Sendable, Equatable {
  /// The symbol that ends a sequence (`<eos>`); it is not part of the result.
  public var endSymbol: Int
  /// The most symbols generated (the end symbol not counted).
  public var maxLength: Int
  /// Symbols that are never produced (`<pad>`, `<bos>`, `<unk>`).
  public var excludedSymbols: Set<Int>

  /// Limits with the given values.
  public init(endSymbol: Int, maxLength: Int, excludedSymbols: Set<Int> = []) {
    precondition(maxLength >= 0, "GenerationLimits: maxLength \(maxLength)")
    precondition(!excludedSymbols.contains(endSymbol), "GenerationLimits: the end is excluded")
    self.endSymbol = endSymbol
    self.maxLength = maxLength
    self.excludedSymbols = excludedSymbols
  }
}

/// One generated sequence.
public struct GeneratedSequence: Sendable, Equatable {
  /// The generated symbols, without the prompt and the end symbol.
  public var symbols: [Int]
  /// The natural log of the model's probability (at temperature 1, over all V symbols) of
  /// `symbols` followed, when `isComplete`, by the end symbol, given the prompt.
  public var logProbability: Double
  /// Whether the end symbol was produced (false when `maxLength` cut the sequence).
  public var isComplete: Bool

  /// A sequence with the given values.
  public init(symbols: [Int], logProbability: Double, isComplete: Bool) {
    self.symbols = symbols
    self.logProbability = logProbability
    self.isComplete = isComplete
  }
}

/// Greedy, multinomial (temperature, top-k) and beam-search generation over any `StepDecoder`.
public enum Sampler {
  /// The log-softmax of row `row` of `logits`, in `Double`.
  public static func logSoftmax(_ logits: Matrix, row: Int) -> [Double] {
    let values = logits.row(row).map(Double.init)
    let maximum = values.max() ?? 0
    let logSum = maximum + log(values.reduce(0) { $0 + exp($1 - maximum) })
    return values.map { $0 - logSum }
  }

  /// The distribution a multinomial draw uses: `softmax(logits / temperature)` over the allowed
  /// symbols (the `topK` largest logits when given, ties to the lower id), zero elsewhere.
  public static func distribution(
    logits: [Float], temperature: Float, topK: Int? = nil, excluded: Set<Int> = []
  ) -> [Double] {
    precondition(temperature > 0, "Sampler.distribution: temperature \(temperature)")
    var allowed = logits.indices.filter { !excluded.contains($0) }
    if let topK, topK < allowed.count {
      precondition(topK >= 1, "Sampler.distribution: topK \(topK)")
      allowed = Array(
        allowed.sorted { logits[$0] != logits[$1] ? logits[$0] > logits[$1] : $0 < $1 }
          .prefix(topK))
    }
    var result = [Double](repeating: 0, count: logits.count)
    let maximum = allowed.map { Double(logits[$0]) }.max() ?? 0
    let inverseTemperature = 1 / Double(temperature)
    var sum = 0.0
    for index in allowed {
      let weight = exp((Double(logits[index]) - maximum) * inverseTemperature)
      result[index] = weight
      sum += weight
    }
    for index in allowed { result[index] /= sum }
    return result
  }

  /// The next symbol for one row of logits under `strategy`.
  public static func choose(
    logits: [Float], strategy: SamplingStrategy, excluded: Set<Int>,
    using rng: inout SplitMix64
  ) -> Int {
    switch strategy {
    case .greedy:
      var best = -1
      for index in logits.indices where !excluded.contains(index) {
        if best < 0 || logits[index] > logits[best] { best = index }
      }
      return best
    case .multinomial(let temperature, let topK):
      let probabilities = distribution(
        logits: logits, temperature: temperature, topK: topK, excluded: excluded)
      let draw = Double(rng.next() >> 11) * 0x1p-53
      var cumulative = 0.0
      var last = 0
      for (index, probability) in probabilities.enumerated() where probability > 0 {
        cumulative += probability
        last = index
        if draw < cumulative { return index }
      }
      return last
    }
  }

  /// Generates one sequence per state in `state` (B of them), all after the same `prompt`.
  ///
  /// - Parameters:
  ///   - decoder: The decoder.
  ///   - state: The initial state of `count` sequences.
  ///   - count: B.
  ///   - prompt: Symbols fed before generating (at least one, e.g. `<bos>` and a prefix).
  ///   - strategy: How each symbol is chosen.
  ///   - limits: The end symbol, length limit and excluded symbols.
  ///   - rng: Draws the samples; the same generator state gives the same sequences.
  /// - Returns: B sequences in order.
  public static func sample<Decoder: StepDecoder>(
    _ decoder: Decoder, state: Decoder.State, count: Int, prompt: [Int],
    strategy: SamplingStrategy, limits: GenerationLimits, using rng: inout SplitMix64
  ) -> [GeneratedSequence] {
    precondition(!prompt.isEmpty, "Sampler.sample: empty prompt")
    var state = state
    var logits = Matrix(rows: 0, columns: 0)
    for symbol in prompt {
      logits = decoder.step(Array(repeating: symbol, count: count), state: &state)
    }
    var results = Array(
      repeating: GeneratedSequence(symbols: [], logProbability: 0, isComplete: false), count: count)
    var active = limits.maxLength > 0 ? Array(0..<count) : []
    while !active.isEmpty {
      var next: [Int] = []
      var keptRows: [Int] = []
      for (row, sequence) in active.enumerated() {
        let symbol = choose(
          logits: logits.row(row), strategy: strategy, excluded: limits.excludedSymbols,
          using: &rng)
        results[sequence].logProbability += logSoftmax(logits, row: row)[symbol]
        if symbol == limits.endSymbol {
          results[sequence].isComplete = true
        } else {
          results[sequence].symbols.append(symbol)
          // A sequence at the length limit stops here, incomplete.
          if results[sequence].symbols.count < limits.maxLength {
            keptRows.append(row)
            next.append(symbol)
          }
        }
      }
      guard !keptRows.isEmpty else { break }
      if keptRows.count < active.count {
        state = decoder.selecting(state, rows: keptRows)
        active = keptRows.map { active[$0] }
      }
      logits = decoder.step(next, state: &state)
    }
    return results
  }
}
