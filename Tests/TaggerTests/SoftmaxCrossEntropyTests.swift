import Foundation
import Testing

@testable import Tagger

@Suite struct SoftmaxCrossEntropyTests {
  @Test func probabilitiesMatchTheDefinition() {
    let logits = Matrix(rows: 2, columns: 3, storage: [1, 2, 3, -1, 0, 0.5])
    let probabilities = SoftmaxCrossEntropy.probabilities(logits)
    for row in 0..<2 {
      let exps = logits.row(row).map { Double(exp($0)) }
      let sum = exps.reduce(0, +)
      expectClose(probabilities.row(row), exps.map { Float($0 / sum) })
    }
    let flat = SoftmaxCrossEntropy.probabilities(logits, temperature: 2)
    let halved = SoftmaxCrossEntropy.probabilities(
      Matrix(rows: 2, columns: 3, storage: logits.elements.map { $0 / 2 }))
    expectClose(flat.elements, halved.elements)
  }

  @Test func lossOfKnownValues() {
    let logits = Matrix(rows: 2, columns: 2, storage: [0, 0, 3, 1])
    let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: [0, 1])
    let expected = log(2.0) + (log(exp(3.0) + exp(1.0)) - 1)
    #expect(abs(result.loss - expected) < 1e-6)
    #expect(result.count == 2)
    let p = Float(exp(3.0) / (exp(3.0) + exp(1.0)))
    expectClose(result.dLogits.elements, [-0.25, 0.25, p / 2, ((1 - p) - 1) / 2])
  }

  @Test func isStableForHugeLogits() {
    let logits = Matrix(rows: 3, columns: 2, storage: [1e4, -1e4, -1e4, 1e4, 1e4, 1e4])
    let probabilities = SoftmaxCrossEntropy.probabilities(logits)
    expectClose(probabilities.elements, [1, 0, 0, 1, 0.5, 0.5])
    let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: [1, 1, 0])
    #expect(abs(result.loss - (2e4 + 0 + log(2.0))) < 1e-3)
    #expect(result.dLogits.elements.allSatisfy { $0.isFinite })
    expectClose(result.dLogits.elements, [1.0 / 3, -1.0 / 3, 0, 0, -1.0 / 6, 1.0 / 6])
  }

  @Test func ignoredRowsContributeNothing() {
    var rng = SplitMix64(seed: 12)
    let logits = randomMatrix(rows: 5, columns: 4, in: -3, 3, using: &rng)
    let targets = [2, -1, 0, -1, 3]
    let full = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
    let kept = Matrix(
      rows: 3, columns: 4, storage: [0, 2, 4].flatMap { logits.row($0) })
    let subset = SoftmaxCrossEntropy.lossAndGradient(logits: kept, targets: [2, 0, 3])
    #expect(full.count == 3)
    #expect(abs(full.loss - subset.loss) < 1e-9)
    for row in [1, 3] { #expect(full.dLogits.row(row) == [0, 0, 0, 0]) }
    for (fullRow, subsetRow) in zip([0, 2, 4], 0..<3) {
      expectClose(full.dLogits.row(fullRow), subset.dLogits.row(subsetRow))
    }
    let none = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: [-1, -1, -1, -1, -1])
    #expect(none.loss == 0 && none.count == 0)
    #expect(none.dLogits.elements.allSatisfy { $0 == 0 })
  }

  @Test(arguments: [(1, 1), (3, 2), (7, 5), (4, 17)])
  func gradientMatchesFiniteDifferences(rows: Int, classes: Int) {
    var rng = SplitMix64(seed: UInt64(rows * 100 + classes))
    let logits = randomMatrix(rows: rows, columns: classes, in: -2, 2, using: &rng)
    // Every third row is padding.
    let targets = (0..<rows).map { $0 % 3 == 1 ? -1 : ($0 * 5) % classes }
    let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
    expectGradientsMatch(
      GradientProbe(value: logits), gradients: GradientProbe(value: result.dLogits)
    ) { candidate in
      let value = SoftmaxCrossEntropy.lossAndGradient(logits: candidate.value, targets: targets)
      return value.loss / Double(value.count)
    }
  }

  @Test(arguments: [Float(0.1), 0.4])
  func smoothedGradientMatchesFiniteDifferences(smoothing: Float) {
    var rng = SplitMix64(seed: 31)
    let logits = randomMatrix(rows: 5, columns: 6, in: -2, 2, using: &rng)
    let targets = [3, -1, 0, 5, 2]
    let result = SoftmaxCrossEntropy.lossAndGradient(
      logits: logits, targets: targets, smoothing: smoothing)
    expectGradientsMatch(
      GradientProbe(value: logits), gradients: GradientProbe(value: result.dLogits)
    ) { candidate in
      let value = SoftmaxCrossEntropy.lossAndGradient(
        logits: candidate.value, targets: targets, smoothing: smoothing)
      return value.loss / Double(value.count)
    }
  }

  /// The smoothed loss is the cross-entropy against the mixed target `(1 - ε)·onehot + ε/C`,
  /// computed here from the probabilities; ε = 0 is the plain loss, bit for bit.
  @Test func smoothedLossIsTheCrossEntropyAgainstTheMixedTarget() {
    let logits = Matrix(rows: 2, columns: 3, storage: [1, 2, 3, -1, 0, 0.5])
    let targets = [0, 2]
    let smoothing: Float = 0.3
    let probabilities = SoftmaxCrossEntropy.probabilities(logits)
    var expected = 0.0
    for (row, target) in targets.enumerated() {
      for column in 0..<3 {
        let q = Double(smoothing) / 3 + (column == target ? Double(1 - smoothing) : 0)
        expected -= q * log(Double(probabilities[row, column]))
      }
    }
    let smoothed = SoftmaxCrossEntropy.lossAndGradient(
      logits: logits, targets: targets, smoothing: smoothing)
    #expect(abs(smoothed.loss - expected) < 1e-5)
    // Each row of the gradient sums to zero, as softmax minus a distribution does.
    for row in 0..<2 { #expect(abs(smoothed.dLogits.row(row).reduce(0, +)) < 1e-6) }
    let plain = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
    let zero = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets, smoothing: 0)
    #expect(plain.loss == zero.loss && plain.dLogits == zero.dLogits)
  }

  @Test func argmaxTakesTheFirstLargest() {
    let logits = Matrix(rows: 3, columns: 3, storage: [1, 3, 3, -5, -7, -6, 0, 0, 0.5])
    #expect(SoftmaxCrossEntropy.argmax(logits) == [1, 0, 2])
    #expect(SoftmaxCrossEntropy.argmax(Matrix(rows: 2, columns: 1)) == [0, 0])
  }
}
