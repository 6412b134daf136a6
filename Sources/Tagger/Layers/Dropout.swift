/// Inverted dropout (Srivastava et al. 2014): in training, each element is zeroed with
/// probability `rate` and the survivors are scaled by `1 / (1 - rate)`, so inference is the
/// identity and needs no rescaling.
///
/// The mask has the input's shape and holds `0` or `1 / (1 - rate)`; backward multiplies by the
/// same mask. With `rate == 0` or `isTraining == false` the layer is the identity, draws no random
/// numbers and returns no mask.
public struct Dropout: Sendable {
  /// The probability of zeroing an element, in `[0, 1)`.
  public var rate: Float

  /// A dropout layer with the given rate.
  public init(rate: Float) {
    precondition(rate >= 0 && rate < 1, "Dropout: rate \(rate) outside [0, 1)")
    self.rate = rate
  }

  /// Applies dropout to `x` (any shape).
  ///
  /// - Returns: The output (same shape as `x`) and the mask to give to `backward`, or `nil` when
  ///   the layer is the identity.
  /// - Complexity: One random draw per element when active.
  public func forward(_ x: Matrix, isTraining: Bool, using rng: inout SplitMix64)
    -> (output: Matrix, mask: Matrix?)
  {
    precondition(rate >= 0 && rate < 1, "Dropout: rate \(rate) outside [0, 1)")
    guard isTraining && rate > 0 else { return (x, nil) }
    let keptScale = 1 / (1 - rate)
    var mask = Matrix(rows: x.rows, columns: x.columns)
    for index in mask.storage.indices where rng.nextFloat(in: 0, 1) >= rate {
      mask.storage[index] = keptScale
    }
    return (Self.multiplied(x, by: mask), mask)
  }

  /// The input gradient: `dOutput ⊙ mask`, or `dOutput` itself when `mask` is `nil`.
  public func backward(_ dOutput: Matrix, mask: Matrix?) -> Matrix {
    guard let mask else { return dOutput }
    return Self.multiplied(dOutput, by: mask)
  }

  /// The elementwise product of two matrices of the same shape.
  private static func multiplied(_ values: Matrix, by mask: Matrix) -> Matrix {
    precondition(
      values.rows == mask.rows && values.columns == mask.columns,
      "Dropout: values [\(values.rows)×\(values.columns)], mask [\(mask.rows)×\(mask.columns)]")
    var result = values
    for index in result.storage.indices { result.storage[index] *= mask.storage[index] }
    return result
  }
}
