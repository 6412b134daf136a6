import Foundation

/// Adam (Kingma & Ba 2015), with PyTorch's `torch.optim.Adam` update and L2 weight decay.
///
/// At step t, for every parameter p with gradient g:
/// ```
/// g ← g + weightDecay · p
/// m ← β1 · m + (1 − β1) · g
/// v ← β2 · v + (1 − β2) · g²
/// p ← p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
/// ```
///
/// **Row-sparse parameters.** For the parameters named in `rowSparseParameters` (embedding
/// tables) a row whose gradient is all zero is skipped: its `m`, `v` and value stay as they are
/// ("lazy Adam", as TensorFlow's `LazyAdam` and PyTorch's `SparseAdam`; bias correction still uses
/// the global step). This differs from PyTorch's dense Adam, which keeps moving untouched rows on
/// their old momentum, but costs a scan for zeros instead of a full update for the rows a batch
/// did not look up. All other parameters get the dense update above.
public struct Adam: Optimizer, Sendable {
  /// The step size lr; may change between steps (schedules).
  public var learningRate: Float
  /// β1, the decay of the first moment.
  public var beta1: Float
  /// β2, the decay of the second moment.
  public var beta2: Float
  /// ε, added to the denominator.
  public var epsilon: Float
  /// The L2 penalty added to the gradient (PyTorch Adam's `weight_decay`, not AdamW's).
  public var weightDecay: Float
  /// Names of parameters updated row by row, skipping rows with an all-zero gradient.
  public var rowSparseParameters: Set<String>
  /// The number of `update` calls so far (t).
  public private(set) var step: Int = 0

  /// The first (`first`, m) and second (`second`, v) moments of one parameter.
  private struct Moments: Sendable {
    var first: Matrix
    var second: Matrix
  }
  private var moments: [String: Moments] = [:]

  /// An optimizer with PyTorch's defaults.
  public init(
    learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
    weightDecay: Float = 0, rowSparseParameters: Set<String> = []
  ) {
    precondition(
      (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0 && weightDecay >= 0,
      "Adam: beta1 \(beta1), beta2 \(beta2), epsilon \(epsilon), weightDecay \(weightDecay)")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.rowSparseParameters = rowSparseParameters
  }

  /// The per-step constants of the update.
  private struct Coefficients {
    var beta1, oneMinusBeta1, beta2, oneMinusBeta2: Float
    var stepSize, inverseSqrtCorrection2, epsilon, weightDecay: Float
  }

  /// One Adam step on every parameter of `parameters`.
  ///
  /// - Complexity: O(parameter count) for dense parameters; for row-sparse ones O(rows × columns)
  ///   reads plus O(touched rows × columns) updates.
  public mutating func update<Model: ParameterContainer>(
    _ parameters: inout Model, gradients: Model
  ) {
    step += 1
    let t = Double(step)
    let coefficients = Coefficients(
      beta1: beta1, oneMinusBeta1: 1 - beta1, beta2: beta2, oneMinusBeta2: 1 - beta2,
      stepSize: Float(Double(learningRate) / (1 - pow(Double(beta1), t))),
      inverseSqrtCorrection2: Float(1 / (1 - pow(Double(beta2), t)).squareRoot()),
      epsilon: epsilon, weightDecay: weightDecay)
    for entry in parameters.parameterPaths {
      let gradient = gradients[keyPath: entry.path]
      var slot =
        moments.removeValue(forKey: entry.name)
        ?? Moments(
          first: Matrix(rows: gradient.rows, columns: gradient.columns),
          second: Matrix(rows: gradient.rows, columns: gradient.columns))
      precondition(
        gradient.shape == parameters[keyPath: entry.path].shape
          && slot.first.shape == gradient.shape,
        "Adam: \"\(entry.name)\" parameter \(parameters[keyPath: entry.path].shape), "
          + "gradient \(gradient.shape), state \(slot.first.shape)")
      let ranges = gradient.updateRanges(
        skippingZeroRows: rowSparseParameters.contains(entry.name))
      Self.apply(
        coefficients, ranges: ranges, gradient: gradient, to: &parameters[keyPath: entry.path],
        moments: &slot)
      moments[entry.name] = slot
    }
  }

  /// The update of the type's doc comment over `ranges` of one parameter's elements.
  private static func apply(
    _ c: Coefficients, ranges: [Range<Int>], gradient: Matrix, to parameter: inout Matrix,
    moments: inout Moments
  ) {
    for range in ranges {
      for index in range {
        let g = gradient.storage[index] + c.weightDecay * parameter.storage[index]
        let m = c.beta1 * moments.first.storage[index] + c.oneMinusBeta1 * g
        let v = c.beta2 * moments.second.storage[index] + c.oneMinusBeta2 * g * g
        moments.first.storage[index] = m
        moments.second.storage[index] = v
        parameter.storage[index] -=
          c.stepSize * m / (v.squareRoot() * c.inverseSqrtCorrection2 + c.epsilon)
      }
    }
  }

  /// `"step"` (`[1, 1]`), then `"m.<name>"` and `"v.<name>"` for every parameter seen, by name.
  ///
  /// The step is stored as a `Float`, exact up to 2²⁴ steps.
  public var state: [(name: String, value: Matrix)] {
    var result: [(name: String, value: Matrix)] = [
      (name: "step", value: Matrix(rows: 1, columns: 1, repeating: Float(step)))
    ]
    for name in moments.keys.sorted() {
      guard let slot = moments[name] else { continue }
      result.append((name: "m." + name, value: slot.first))
      result.append((name: "v." + name, value: slot.second))
    }
    return result
  }

  /// Replaces the step and the moments with `state`.
  ///
  /// - Throws: `OptimizerStateError` when `"step"` is missing or not a whole number, a name has
  ///   neither the `m.` nor the `v.` prefix, or an `m` tensor lacks its `v` twin of equal shape.
  public mutating func restore(state: [(name: String, value: Matrix)]) throws {
    var restoredStep: Int?
    var firsts: [String: Matrix] = [:]
    var seconds: [String: Matrix] = [:]
    for entry in state {
      if entry.name == "step" {
        restoredStep = try Self.wholeNumber(entry.value, name: entry.name)
      } else if entry.name.hasPrefix("m.") {
        firsts[String(entry.name.dropFirst(2))] = entry.value
      } else if entry.name.hasPrefix("v.") {
        seconds[String(entry.name.dropFirst(2))] = entry.value
      } else {
        throw OptimizerStateError(.unexpectedTensor, name: entry.name)
      }
    }
    guard let restoredStep else { throw OptimizerStateError(.missingTensor, name: "step") }
    var restored: [String: Moments] = [:]
    for (name, first) in firsts {
      guard let second = seconds[name] else {
        throw OptimizerStateError(.missingTensor, name: "v." + name)
      }
      guard second.shape == first.shape else {
        throw OptimizerStateError(
          .wrongShape(found: second.shape, expected: first.shape), name: "v." + name)
      }
      restored[name] = Moments(first: first, second: second)
    }
    if let orphan = seconds.keys.sorted().first(where: { firsts[$0] == nil }) {
      throw OptimizerStateError(.missingTensor, name: "m." + orphan)
    }
    step = restoredStep
    moments = restored
  }

  /// The whole number held by a `[1, 1]` matrix.
  static func wholeNumber(_ value: Matrix, name: String) throws -> Int {
    guard value.shape == [1, 1] else {
      throw OptimizerStateError(.wrongShape(found: value.shape, expected: [1, 1]), name: name)
    }
    let number = value.storage[0]
    guard number >= 0, number <= Float(1 << 24), number.rounded() == number else {
      throw OptimizerStateError(.invalidStep(number), name: name)
    }
    return Int(number)
  }
}
