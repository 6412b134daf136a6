import Foundation
import Testing

@testable import Tagger

/// The CRF layer against brute-force enumeration of every tag sequence, and its gradients against
/// finite differences.
@Suite struct CRFTests {
  /// A CRF with random scores.
  static func randomCRF(tagCount: Int, seed: UInt64) -> CRF {
    var rng = SplitMix64(seed: seed)
    var crf = CRF(tagCount: tagCount)
    crf.transitions = randomMatrix(rows: tagCount, columns: tagCount, in: -2, 2, using: &rng)
    crf.start = randomMatrix(rows: 1, columns: tagCount, in: -2, 2, using: &rng)
    crf.end = randomMatrix(rows: 1, columns: tagCount, in: -2, 2, using: &rng)
    return crf
  }

  /// Every sequence of `length` tags out of `tagCount`.
  static func allPaths(length: Int, tagCount: Int) -> [[Int]] {
    var paths: [[Int]] = [[]]
    for _ in 0..<length { paths = paths.flatMap { path in (0..<tagCount).map { path + [$0] } } }
    return paths
  }

  /// Brute force: log Z, each word's tag marginals `[L, C]` and the best path of one sentence.
  static func enumerate(_ lattice: TagLattice, emissions: [Double], length: Int) -> (
    logZ: Double, marginals: [Double], best: [Int]
  ) {
    let tagCount = lattice.tagCount
    let paths = allPaths(length: length, tagCount: tagCount)
    let scores = paths.map { lattice.score(of: $0, emissions: emissions) }
    let logZ = CRFForwardBackward.logSumExp(scores)
    var marginals = [Double](repeating: 0, count: length * tagCount)
    for (path, score) in zip(paths, scores) {
      for (step, tag) in path.enumerated() { marginals[step * tagCount + tag] += exp(score - logZ) }
    }
    let bestIndex = scores.indices.max { scores[$0] < scores[$1] } ?? 0
    return (logZ, marginals, paths[bestIndex])
  }

  /// Emissions of a padded batch with these lengths, `[T·B, C]`.
  static func emissions(lengths: [Int], tagCount: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    return randomMatrix(
      rows: (lengths.max() ?? 0) * lengths.count, columns: tagCount, in: -3, 3, using: &rng)
  }

  @Test(arguments: [1, 2, 3], [[1], [3, 1, 4], [2, 0, 5]])
  func forwardBackwardMatchesEnumeration(tagCount: Int, lengths: [Int]) {
    let crf = Self.randomCRF(tagCount: tagCount, seed: 7)
    let batch = SequenceBatch(lengths: lengths)
    let emissions = Self.emissions(lengths: lengths, tagCount: tagCount, seed: 9)
    let scores = emissions.storage.map(Double.init)
    let result = CRFForwardBackward(
      emissions: scores, batch: batch, lattice: crf.lattice(), computesTransitions: true)
    for (b, length) in lengths.enumerated() where length > 0 {
      let rows = crf.rows(scores, b, batch)
      let expected = Self.enumerate(crf.lattice(), emissions: rows, length: length)
      expectClose(Float(result.logPartitions[b]), Float(expected.logZ), relative: 1e-6)
      let marginals = (0..<length).flatMap { step in
        (0..<tagCount).map { Float(result.marginals[(step * lengths.count + b) * tagCount + $0]) }
      }
      expectClose(marginals, expected.marginals.map(Float.init), relative: 1e-5, absolute: 1e-6)
      #expect(
        SequenceDecoding.viterbi(rows, length: length, lattice: crf.lattice()) == expected.best)
    }
  }

  /// Scores multiplied by a thousand (a temperature of 0.001): `exp` of the transitions under-
  /// and overflows, and forward-backward still matches enumeration (it returned `log Z = -∞`,
  /// so `tag --probs` printed uniform probabilities).
  @Test func forwardBackwardMatchesEnumerationAtHugeScores() {
    let tagCount = 3
    let lattice = Self.randomCRF(tagCount: tagCount, seed: 7).lattice(scale: 1000)
    #expect(lattice.transitions.contains { exp($0) == 0 })
    #expect(lattice.transitions.contains { exp($0) == .infinity })
    let emissions = Self.emissions(lengths: [4], tagCount: tagCount, seed: 9).storage.map {
      Double($0) * 1000
    }
    let result = CRFForwardBackward(
      emissions: emissions, batch: SequenceBatch(lengths: [4]), lattice: lattice,
      computesTransitions: false)
    let expected = Self.enumerate(lattice, emissions: emissions, length: 4)
    expectClose(Float(result.logPartitions[0]), Float(expected.logZ), relative: 1e-6)
    expectClose(
      result.marginals.map(Float.init), expected.marginals.map(Float.init), relative: 1e-5,
      absolute: 1e-6)
  }

  @Test func lossIsTheNegativeLogLikelihoodOfTheGoldPaths() {
    let tagCount = 3
    let lengths = [3, 1, 4]
    let crf = Self.randomCRF(tagCount: tagCount, seed: 3)
    let batch = SequenceBatch(lengths: lengths)
    let emissions = Self.emissions(lengths: lengths, tagCount: tagCount, seed: 4)
    let targets = (0..<batch.rowCount).map { row in
      row / lengths.count < lengths[row % lengths.count] ? (row * 7) % tagCount : -1
    }
    var gradients = crf.zeroedCopy()
    let result = crf.lossAndGradient(
      emissions: emissions, batch: batch, targets: targets, into: &gradients)
    var expected = 0.0
    let scores = emissions.storage.map(Double.init)
    for (b, length) in lengths.enumerated() {
      let rows = crf.rows(scores, b, batch)
      let gold = (0..<length).map { targets[$0 * lengths.count + b] }
      let brute = Self.enumerate(crf.lattice(), emissions: rows, length: length)
      expected += brute.logZ - crf.lattice().score(of: gold, emissions: rows)
    }
    #expect(result.count == 8)
    expectClose(Float(result.loss), Float(expected), relative: 1e-6)
  }

  /// The CRF and its emissions as one parameter container, for the gradient check.
  struct Probe: ParameterContainer, Equatable {
    var crf: CRF
    var emissions: Matrix
    var parameterPaths: [(name: String, path: WritableKeyPath<Probe, Matrix>)] {
      prefixedPaths("crf", \.crf) + [(name: "emissions", path: \.emissions)]
    }
  }

  @Test(arguments: [1, 2, 4])
  func gradientsMatchFiniteDifferences(tagCount: Int) {
    let lengths = [4, 2, 0, 3]
    let batch = SequenceBatch(lengths: lengths)
    let probe = Probe(
      crf: Self.randomCRF(tagCount: tagCount, seed: 21),
      emissions: Self.emissions(lengths: lengths, tagCount: tagCount, seed: 22))
    let targets = (0..<batch.rowCount).map { row in
      row / lengths.count < lengths[row % lengths.count] ? (row * 5 + 1) % tagCount : -1
    }
    var gradients = probe.zeroedCopy()
    let result = probe.crf.lossAndGradient(
      emissions: probe.emissions, batch: batch, targets: targets, into: &gradients.crf)
    // The gradients are of the mean loss; the checked loss is the sum.
    gradients.emissions = result.dEmissions
    for entry in gradients.parameterPaths {
      gradients[keyPath: entry.path].scale(by: Float(result.count))
    }
    expectGradientsMatch(probe, gradients: gradients, step: 1e-2) { candidate in
      var unused = candidate.crf.zeroedCopy()
      return candidate.crf.lossAndGradient(
        emissions: candidate.emissions, batch: batch, targets: targets, into: &unused
      ).loss
    }
  }
}
