import Foundation
import Testing

@testable import Tagger

/// Fixtures of the recurrent tests and small helpers shared by them.
enum RecurrentFixtures {
  /// The URL of a file in this target's `Fixtures/` folder.
  static func url(_ name: String) throws -> URL {
    try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
      "missing fixture \(name)")
  }
}

extension Matrix {
  /// A `[rows × columns]` matrix of uniform values in `[-scale, scale)`.
  static func random(rows: Int, columns: Int, scale: Float = 1, using rng: inout SplitMix64)
    -> Matrix
  {
    Matrix(
      rows: rows, columns: columns,
      storage: (0..<rows * columns).map { _ in rng.nextFloat(in: -scale, scale) })
  }
}

/// `Σ aᵢ·bᵢ` in double precision, so a loss evaluated twice for a finite difference loses little
/// to rounding.
func dot(_ a: Matrix, _ b: Matrix) -> Double {
  precondition(a.shape == b.shape, "dot: \(a.shape) vs \(b.shape)")
  return zip(a.elements, b.elements).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}

/// Central-difference check of every element of every parameter of `value` and of `input`.
///
/// `loss(value, input)` is the scalar; `analytic` holds the gradients of `value`'s parameters
/// (same type) and `analyticInput` that of `input`. Differences use step `step`; an element
/// passes when `|numeric - analytic| <= absolute + relative·|numeric|`. Returns the largest
/// absolute difference seen.
@discardableResult
func expectGradientsMatch<Value: ParameterContainer>(
  _ value: Value, input: Matrix, analytic: Value, analyticInput: Matrix,
  step: Float = 1e-2, relative: Float = 1e-2, absolute: Float = 1e-3, _ label: String,
  loss: (Value, Matrix) -> Double, sourceLocation: SourceLocation = #_sourceLocation
) -> Float {
  func numeric(_ perturbed: (Float) -> Double) -> Float {
    Float((perturbed(step) - perturbed(-step)) / (2 * Double(step)))
  }
  var worst: Float = 0
  for entry in value.parameterPaths {
    let count = value[keyPath: entry.path].count
    for index in 0..<count {
      let estimate = numeric { delta in
        var moved = value
        moved[keyPath: entry.path].storage[index] += delta
        return loss(moved, input)
      }
      let exact = analytic[keyPath: entry.path].storage[index]
      worst = max(worst, abs(estimate - exact))
      expectClose(
        exact, estimate, relative: relative, absolute: absolute, "\(label) \(entry.name)[\(index)]",
        sourceLocation: sourceLocation)
    }
  }
  for index in 0..<input.count {
    let estimate = numeric { delta in
      var moved = input
      moved.storage[index] += delta
      return loss(value, moved)
    }
    worst = max(worst, abs(estimate - analyticInput.storage[index]))
    expectClose(
      analyticInput.storage[index], estimate, relative: relative, absolute: absolute,
      "\(label) x[\(index)]", sourceLocation: sourceLocation)
  }
  return worst
}

/// Every padded row of a `[T·B, ·]` matrix of `batch` (an input gradient or an output) is
/// exactly zero.
func expectPaddedRowsAreZero(
  _ dx: Matrix, batch: SequenceBatch, sourceLocation: SourceLocation = #_sourceLocation
) {
  for step in 0..<batch.maxLength {
    for b in 0..<batch.batchSize where step >= batch.lengths[b] {
      #expect(
        dx.row(step * batch.batchSize + b).allSatisfy { $0 == 0 }, "padded row t\(step) b\(b)",
        sourceLocation: sourceLocation)
    }
  }
}

/// Checks `stack.backward` against central differences over a batch of lengths 4, 2 and 3 with
/// inter-layer dropout 0.3, random output and final-state gradients (padded rows included, which
/// must be ignored), and that the input gradient is zero on padded rows.
func expectStackGradientsMatch(
  _ stack: BidirectionalStack, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let batch = SequenceBatch(lengths: [4, 2, 3])
  var rng = SplitMix64(seed: 5)
  let x = Matrix.random(rows: batch.rowCount, columns: stack.inputSize, using: &rng)
  let dOutput = Matrix.random(rows: batch.rowCount, columns: 2 * stack.hiddenSize, using: &rng)
  let dFinal = (0..<2 * stack.layers.count).map { _ in
    Matrix.random(rows: batch.batchSize, columns: stack.hiddenSize, using: &rng)
  }
  let dropoutSeed = SplitMix64(seed: 11)
  func run(_ stack: BidirectionalStack, _ x: Matrix) -> (Matrix, [Matrix], StackCache) {
    var dropoutRNG = dropoutSeed
    return stack.forward(x, batch: batch, interLayerDropout: 0.3, using: &dropoutRNG)
  }
  func loss(_ stack: BidirectionalStack, _ x: Matrix) -> Double {
    let (output, finalHidden, _) = run(stack, x)
    return dot(output, dOutput) + zip(finalHidden, dFinal).reduce(0) { $0 + dot($1.0, $1.1) }
  }
  let (output, _, cache) = run(stack, x)
  expectPaddedRowsAreZero(output, batch: batch, sourceLocation: sourceLocation)
  var gradients = stack.zeroedCopy()
  let dx = stack.backward(dOutput, dFinalHidden: dFinal, cache: cache, into: &gradients)
  expectGradientsMatch(
    stack, input: x, analytic: gradients, analyticInput: dx, label, loss: loss,
    sourceLocation: sourceLocation)
  expectPaddedRowsAreZero(dx, batch: batch, sourceLocation: sourceLocation)
}
