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
  /// Whether a large parameter's update runs in two halves on two threads (training with 2
  /// threads). Each element's update is the same either way: the result is bit for bit equal.
  public var usesTwoThreads = false

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
    let paths = parameters.parameterPaths
    var index = 0
    parameters.updateParameters { parameter in
      let entry = paths[index]
      index += 1
      let gradient = gradients[keyPath: entry.path]
      var slot =
        moments.removeValue(forKey: entry.name)
        ?? Moments(
          first: Matrix(rows: gradient.rows, columns: gradient.columns),
          second: Matrix(rows: gradient.rows, columns: gradient.columns))
      precondition(
        gradient.shape == parameter.shape && slot.first.shape == gradient.shape,
        "Adam: \"\(entry.name)\" parameter \(parameter.shape), "
          + "gradient \(gradient.shape), state \(slot.first.shape)")
      let ranges = gradient.updateRanges(
        skippingZeroRows: rowSparseParameters.contains(entry.name))
      Self.apply(
        coefficients, ranges: ranges, gradient: gradient, to: &parameter, moments: &slot,
        usesTwoThreads: usesTwoThreads)
      moments[entry.name] = slot
    }
  }

  /// The update of the type's doc comment over `ranges` of one parameter's elements.
  ///
  /// The hot loop of every training step: eight lanes at a time through unsafe buffers, then a
  /// scalar tail. Each lane does the scalar update's operations in the same order (no fused
  /// multiply-add), so the result is bit for bit the scalar one.
  private static func apply(
    _ c: Coefficients, ranges: [Range<Int>], gradient: Matrix, to parameter: inout Matrix,
    moments: inout Moments, usesTwoThreads: Bool
  ) {
    gradient.storage.withUnsafeBufferPointer { g in
      parameter.storage.withUnsafeMutableBufferPointer { p in
        moments.first.storage.withUnsafeMutableBufferPointer { m in
          moments.second.storage.withUnsafeMutableBufferPointer { v in
            let halves = usesTwoThreads ? TwoHalves(ranges) : nil
            guard let halves else {
              for range in ranges {
                applyVectorised(c, range: range, g: g, p: p, m: m, v: v)
              }
              return
            }
            let buffers = UpdateBuffers(g: g, p: p, m: m, v: v)
            DispatchQueue.concurrentPerform(iterations: 2) { half in
              for range in halves.ranges[half] {
                applyVectorised(
                  c, range: range, g: buffers.g, p: buffers.p, m: buffers.m, v: buffers.v)
              }
            }
          }
        }
      }
    }
  }

  /// The four buffers of one parameter's update, shared by the two threads of a split update,
  /// which write disjoint elements.
  private struct UpdateBuffers: @unchecked Sendable {
    let g: UnsafeBufferPointer<Float>
    let p, m, v: UnsafeMutableBufferPointer<Float>
  }

  /// `apply` over one range of indices, valid for all four buffers.
  @inline(__always)
  private static func applyVectorised(
    _ c: Coefficients, range: Range<Int>, g: UnsafeBufferPointer<Float>,
    p: UnsafeMutableBufferPointer<Float>, m: UnsafeMutableBufferPointer<Float>,
    v: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(range.lowerBound >= 0 && range.upperBound <= p.count && p.count == g.count
      && p.count == m.count && p.count == v.count, "Adam: range \(range) out of \(p.count)")
    guard let gBase = g.baseAddress, let pBase = p.baseAddress, let mBase = m.baseAddress,
      let vBase = v.baseAddress
    else { return }
    typealias Lanes = SIMD8<Float>
    let beta1 = Lanes(repeating: c.beta1), oneMinusBeta1 = Lanes(repeating: c.oneMinusBeta1)
    let beta2 = Lanes(repeating: c.beta2), oneMinusBeta2 = Lanes(repeating: c.oneMinusBeta2)
    let stepSize = Lanes(repeating: c.stepSize), epsilon = Lanes(repeating: c.epsilon)
    let correction = Lanes(repeating: c.inverseSqrtCorrection2)
    let weightDecay = Lanes(repeating: c.weightDecay)
    var index = range.lowerBound
    let rawG = UnsafeRawPointer(gBase), rawP = UnsafeMutableRawPointer(pBase)
    let rawM = UnsafeMutableRawPointer(mBase), rawV = UnsafeMutableRawPointer(vBase)
    let stride = MemoryLayout<Float>.stride
    while index + 8 <= range.upperBound {
      let offset = index * stride
      let parameterValue = rawP.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
      let gradientValue =
        rawG.loadUnaligned(fromByteOffset: offset, as: Lanes.self) + weightDecay * parameterValue
      let first =
        beta1 * rawM.loadUnaligned(fromByteOffset: offset, as: Lanes.self) + oneMinusBeta1
        * gradientValue
      let second =
        beta2 * rawV.loadUnaligned(fromByteOffset: offset, as: Lanes.self) + oneMinusBeta2
        * gradientValue * gradientValue
      rawM.storeBytes(of: first, toByteOffset: offset, as: Lanes.self)
      rawV.storeBytes(of: second, toByteOffset: offset, as: Lanes.self)
      rawP.storeBytes(
        of: parameterValue - stepSize * first / (second.squareRoot() * correction + epsilon),
        toByteOffset: offset, as: Lanes.self)
      index += 8
    }
    while index < range.upperBound {
      let gradientValue = gBase[index] + c.weightDecay * pBase[index]
      let first = c.beta1 * mBase[index] + c.oneMinusBeta1 * gradientValue
      let second = c.beta2 * vBase[index] + c.oneMinusBeta2 * gradientValue * gradientValue
      mBase[index] = first
      vBase[index] = second
      pBase[index] -= c.stepSize * first / (second.squareRoot() * c.inverseSqrtCorrection2 + c.epsilon)
      index += 1
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
