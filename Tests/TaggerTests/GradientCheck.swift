import Testing

@testable import Tagger

/// One matrix as a `ParameterContainer` (name `"value"`), so an input gradient can be checked with
/// the same helper as the parameters.
struct GradientProbe: ParameterContainer, Equatable {
  var value: Matrix

  var parameterPaths: [(name: String, path: WritableKeyPath<GradientProbe, Matrix>)] {
    [(name: "value", path: \.value)]
  }
}

/// An element whose analytic gradient disagrees with the central difference.
struct GradientMismatch: CustomStringConvertible {
  var name: String
  var index: Int
  var analytic: Double
  var numeric: Double

  var description: String { "\(name)[\(index)]: analytic \(analytic), numeric \(numeric)" }
}

/// The elements of every named parameter of `model` whose analytic gradient disagrees with a
/// central finite difference of `loss`.
///
/// For each checked element p: `numeric = (loss(p + h) − loss(p − h)) / ((p + h) − (p − h))`, the
/// denominator taken after rounding to `Float`. An element passes when
/// `|analytic − numeric| <= absolute + relative · |numeric|`.
///
/// - Parameters:
///   - model: The point of the check; any `ParameterContainer` (a layer, a stack, a network).
///   - gradients: The analytic gradients of `loss` at `model` (same type, same names).
///   - step: h. Forward passes run in `Float`, so h is large compared with Double checks.
///   - maxElementsPerParameter: Checks at most this many evenly spaced elements of a parameter
///     (first and last included), to keep big stacks fast.
///   - names: Only these parameters, or all when `nil`.
///   - loss: The scalar loss, accumulated in `Double`.
/// - Returns: The mismatches (empty when the gradients are right) and the number of checked
///   elements.
func gradientMismatches<Model: ParameterContainer>(
  _ model: Model, gradients: Model, step: Float = 1e-2, relative: Double = 1e-2,
  absolute: Double = 1e-3, maxElementsPerParameter: Int = .max, names: Set<String>? = nil,
  loss: (Model) -> Double
) -> (mismatches: [GradientMismatch], checked: Int) {
  var probe = model
  var mismatches: [GradientMismatch] = []
  var checked = 0
  for entry in model.parameterPaths where names?.contains(entry.name) ?? true {
    let count = model[keyPath: entry.path].count
    for index in sampledIndices(count: count, limit: maxElementsPerParameter) {
      let original = probe[keyPath: entry.path].storage[index]
      let plus = original + step
      let minus = original - step
      probe[keyPath: entry.path].storage[index] = plus
      let lossPlus = loss(probe)
      probe[keyPath: entry.path].storage[index] = minus
      let lossMinus = loss(probe)
      probe[keyPath: entry.path].storage[index] = original
      let numeric = (lossPlus - lossMinus) / (Double(plus) - Double(minus))
      let analytic = Double(gradients[keyPath: entry.path].storage[index])
      checked += 1
      if abs(analytic - numeric) > absolute + relative * abs(numeric) {
        mismatches.append(
          GradientMismatch(name: entry.name, index: index, analytic: analytic, numeric: numeric))
      }
    }
  }
  return (mismatches, checked)
}

/// Records an issue for each gradient mismatch (the first five) and for a check of no element.
///
/// The arguments are those of `gradientMismatches`.
func expectGradientsMatch<Model: ParameterContainer>(
  _ model: Model, gradients: Model, step: Float = 1e-2, relative: Double = 1e-2,
  absolute: Double = 1e-3, maxElementsPerParameter: Int = .max, names: Set<String>? = nil,
  sourceLocation: SourceLocation = #_sourceLocation, loss: (Model) -> Double
) {
  let result = gradientMismatches(
    model, gradients: gradients, step: step, relative: relative, absolute: absolute,
    maxElementsPerParameter: maxElementsPerParameter, names: names, loss: loss)
  #expect(result.checked > 0, "no element checked", sourceLocation: sourceLocation)
  for mismatch in result.mismatches.prefix(5) {
    Issue.record("gradient \(mismatch)", sourceLocation: sourceLocation)
  }
  if result.mismatches.count > 5 {
    Issue.record(
      "\(result.mismatches.count - 5) more gradient mismatches", sourceLocation: sourceLocation)
  }
}

/// `limit` evenly spaced indices of `0..<count` (all of them when `count <= limit`).
private func sampledIndices(count: Int, limit: Int) -> [Int] {
  guard count > limit else { return Array(0..<count) }
  guard limit > 1 else { return limit == 1 ? [0] : [] }
  return (0..<limit).map { $0 * (count - 1) / (limit - 1) }
}

/// A matrix of uniform values in `[lower, upper)` drawn from `rng`.
func randomMatrix(
  rows: Int, columns: Int, in lower: Float = -1, _ upper: Float = 1, using rng: inout SplitMix64
) -> Matrix {
  Matrix(
    rows: rows, columns: columns,
    storage: (0..<rows * columns).map { _ in rng.nextFloat(in: lower, upper) })
}

/// A smooth test loss over an output y with fixed weights R: `Σ R ⊙ y + ½ Σ y²`, in `Double`.
///
/// Its gradient is `R + y`: `lossGradient(of:weights:)`.
func weightedLoss(_ output: Matrix, weights: Matrix) -> Double {
  var total: Double = 0
  for (value, weight) in zip(output.elements, weights.elements) {
    total += Double(weight) * Double(value) + 0.5 * Double(value) * Double(value)
  }
  return total
}

/// The gradient of `weightedLoss` with respect to the output: `R + y`.
func lossGradient(of output: Matrix, weights: Matrix) -> Matrix {
  Matrix(
    rows: output.rows, columns: output.columns,
    storage: zip(output.elements, weights.elements).map { $0 + $1 })
}
