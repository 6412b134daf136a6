import Foundation
import Testing

@testable import Tagger

/// The samplers against their definitions: brute-force enumeration for beam search, argmax for
/// greedy, the softmax for multinomial draws and temperatures, bit-identical repeats for seeds.
@Suite struct SamplerTests {
  /// A tiny decoder over 5 symbols: 0 is excluded (padding), 1 ends, 2 begins, 3 and 4 are text.
  static func decoder(seed: UInt64, cell: CellKind = .lstm) -> RecurrentStepDecoder {
    var rng = SplitMix64(seed: seed)
    var decoder = RecurrentDecoder(
      cell: cell, input: .embedding, vocabularySize: 5, embeddingSize: 3, layerCount: 2,
      hiddenSize: 4, dropout: 0, using: &rng)
    // Larger weights than the initialisation give peaked, sequence-dependent distributions.
    decoder.output.weight.scale(by: 4)
    return RecurrentStepDecoder(decoder)
  }

  static let limits = GenerationLimits(endSymbol: 1, maxLength: 3, excludedSymbols: [0, 2])

  /// Every complete sequence of at most `maxLength` text symbols with its log-probability.
  static func enumerate(_ decoder: RecurrentStepDecoder, limits: GenerationLimits)
    -> [GeneratedSequence]
  {
    var results: [GeneratedSequence] = []
    func extend(_ symbols: [Int], state: [RecurrentState], logits: Matrix, score: Double) {
      let logProbabilities = Sampler.logSoftmax(logits, row: 0)
      results.append(
        GeneratedSequence(
          symbols: symbols, logProbability: score + logProbabilities[limits.endSymbol],
          isComplete: true))
      guard symbols.count < limits.maxLength else { return }
      for symbol in 0..<decoder.vocabularySize
      where symbol != limits.endSymbol && !limits.excludedSymbols.contains(symbol) {
        var next = state
        let nextLogits = decoder.step([symbol], state: &next)
        extend(
          symbols + [symbol], state: next, logits: nextLogits,
          score: score + logProbabilities[symbol])
      }
    }
    var state = decoder.decoder.zeroState(batchSize: 1)
    let logits = decoder.step([2], state: &state)
    extend([], state: state, logits: logits, score: 0)
    return results.sorted { $0.logProbability > $1.logProbability }
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func wideBeamEqualsBruteForceEnumeration(seed: UInt64) {
    let decoder = Self.decoder(seed: seed)
    let all = Self.enumerate(decoder, limits: Self.limits)
    #expect(all.count == 1 + 2 + 4 + 8)
    // A beam as wide as the number of sequences (wider than the vocabulary) is exhaustive.
    let beam = Sampler.beamSearch(
      decoder, state: decoder.decoder.zeroState(batchSize: 1), prompt: [2], width: all.count,
      limits: Self.limits)
    #expect(beam.count == all.count)
    // The beam steps all its hypotheses in one batched product, the enumeration one at a time:
    // BLAS kernels may round the two differently (AMD's Zen kernels do, by ~1e-7 in the Float
    // logits), so the sums of log-probabilities agree to Float precision, not exactly.
    let tolerance = 1e-5
    for (found, expected) in zip(beam, all) {
      #expect(found.symbols == expected.symbols)
      #expect(abs(found.logProbability - expected.logProbability) < tolerance)
    }
    // The best sequence already with a beam as wide as the vocabulary.
    let narrow = Sampler.beamSearch(
      decoder, state: decoder.decoder.zeroState(batchSize: 1), prompt: [2],
      width: decoder.vocabularySize, limits: Self.limits)
    #expect(narrow.first?.symbols == all[0].symbols)
    #expect(abs((narrow.first?.logProbability ?? 0) - all[0].logProbability) < tolerance)
  }

  @Test(arguments: CellKind.allCases)
  func greedyEqualsBeamOfOne(cell: CellKind) {
    for seed in 1...8 as ClosedRange<UInt64> {
      let decoder = Self.decoder(seed: seed, cell: cell)
      let limits = GenerationLimits(endSymbol: 1, maxLength: 12, excludedSymbols: [0, 2])
      var rng = SplitMix64(seed: 1)
      let greedy = Sampler.sample(
        decoder, state: decoder.decoder.zeroState(batchSize: 1), count: 1, prompt: [2],
        strategy: .greedy, limits: limits, using: &rng)[0]
      let beam = Sampler.beamSearch(
        decoder, state: decoder.decoder.zeroState(batchSize: 1), prompt: [2], width: 1,
        limits: limits)
      #expect(beam.count == 1)
      #expect(beam.first?.symbols == greedy.symbols, "seed \(seed)")
      if greedy.isComplete {
        #expect(abs((beam.first?.logProbability ?? 0) - greedy.logProbability) < 1e-9)
      }
    }
  }

  static let logits: [Float] = [1.5, -0.5, 0.25, 2.0, -1.0, 0.75]

  static func entropy(_ probabilities: [Double]) -> Double {
    -probabilities.reduce(0) { $1 > 0 ? $0 + $1 * log($1) : $0 }
  }

  @Test func temperatureFlattensTowardsUniformAndSharpensTowardsGreedy() {
    let logV = log(Double(Self.logits.count))
    var previous = 0.0
    for temperature: Float in [0.5, 1, 2, 10, 100, 10_000] {
      let h = Self.entropy(Sampler.distribution(logits: Self.logits, temperature: temperature))
      #expect(h > previous, "entropy grows with the temperature")
      previous = h
    }
    #expect(abs(previous - logV) < 1e-6, "entropy at T = 10⁴ is \(previous), log V = \(logV)")
    let cold = Sampler.distribution(logits: Self.logits, temperature: 1e-3)
    #expect(cold[3] > 1 - 1e-12)
    var rng = SplitMix64(seed: 4)
    var logitsRNG = SplitMix64(seed: 8)
    for _ in 0..<200 {
      let logits = (0..<9).map { _ in logitsRNG.nextFloat(in: -3, 3) }
      let greedy = Sampler.choose(logits: logits, strategy: .greedy, excluded: [], using: &rng)
      let cold = Sampler.choose(
        logits: logits, strategy: .multinomial(temperature: 1e-4, topK: nil), excluded: [],
        using: &rng)
      #expect(cold == greedy)
    }
  }

  @Test(arguments: [(1, nil), (0.7, 3)] as [(Float, Int?)])
  func multinomialFrequenciesMatchTheSoftmax(temperature: Float, topK: Int?) {
    let draws = 100_000
    let expected = Sampler.distribution(logits: Self.logits, temperature: temperature, topK: topK)
    var counts = [Int](repeating: 0, count: Self.logits.count)
    var rng = SplitMix64(seed: 2024)
    for _ in 0..<draws {
      counts[
        Sampler.choose(
          logits: Self.logits, strategy: .multinomial(temperature: temperature, topK: topK),
          excluded: [], using: &rng)] += 1
    }
    for (symbol, probability) in expected.enumerated() {
      let frequency = Double(counts[symbol]) / Double(draws)
      // Five standard deviations of a binomial proportion: a false alarm has odds below 1e-6.
      let bound = 5 * (probability * (1 - probability) / Double(draws)).squareRoot()
      #expect(
        abs(frequency - probability) <= bound, "symbol \(symbol): \(frequency) vs \(probability)")
      if probability == 0 { #expect(counts[symbol] == 0) }
    }
    if let topK { #expect(expected.filter { $0 > 0 }.count == topK) }
  }

  @Test func aFixedSeedGivesBitIdenticalSamples() {
    let decoder = Self.decoder(seed: 5)
    let limits = GenerationLimits(endSymbol: 1, maxLength: 20, excludedSymbols: [0, 2])
    func run(seed: UInt64) -> [GeneratedSequence] {
      var rng = SplitMix64(seed: seed)
      return Sampler.sample(
        decoder, state: decoder.decoder.zeroState(batchSize: 6), count: 6, prompt: [2, 3],
        strategy: .multinomial(temperature: 1.3, topK: nil), limits: limits, using: &rng)
    }
    let first = run(seed: 77)
    let second = run(seed: 77)
    #expect(first == second)
    #expect(first.map(\.logProbability.bitPattern) == second.map(\.logProbability.bitPattern))
    #expect(run(seed: 78) != first)
  }

  @Test func lengthLimitCutsSequences() {
    let decoder = Self.decoder(seed: 6)
    let limits = GenerationLimits(endSymbol: 1, maxLength: 2, excludedSymbols: [0, 2])
    var rng = SplitMix64(seed: 3)
    let samples = Sampler.sample(
      decoder, state: decoder.decoder.zeroState(batchSize: 50), count: 50, prompt: [2],
      strategy: .multinomial(temperature: 5, topK: nil), limits: limits, using: &rng)
    #expect(
      samples.allSatisfy { $0.symbols.count <= 2 && ($0.isComplete || $0.symbols.count == 2) })
    #expect(samples.allSatisfy { !$0.symbols.contains(0) && !$0.symbols.contains(2) })
    #expect(samples.contains { !$0.isComplete } && samples.contains { $0.isComplete })
  }
}
