import CTaggerKernels

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
    let mask = Self.mask(rows: x.rows, columns: x.columns, rate: rate, using: &rng)
    return (Self.multiplied(x, by: mask), mask)
  }

  /// The input gradient: `dOutput ⊙ mask`, or `dOutput` itself when `mask` is `nil`.
  public func backward(_ dOutput: Matrix, mask: Matrix?) -> Matrix {
    guard let mask else { return dOutput }
    return Self.multiplied(dOutput, by: mask)
  }

  /// A mask of `1 / (1 - rate)` and zeros, one draw of `rng` per element in row-major order:
  /// element i is kept when its draw's `nextFloat(in: 0, 1)` is at least `rate`.
  ///
  /// SplitMix64's draws depend only on the state plus a multiple of its increment, so the C
  /// kernel (`tk_dropout_mask*`) draws all of them at once, 8 or 16 lanes wide, and advances the
  /// state by the count: the same mask and the same state as drawing them one by one.
  static func mask(rows: Int, columns: Int, rate: Float, using rng: inout SplitMix64) -> Matrix {
    var mask = Matrix(rows: rows, columns: columns)
    let start = rng.state
    let count = mask.count
    let kept = 1 / (1 - rate)
    mask.storage.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      switch CellKernelLevel.active {
      case .avx512: tk_dropout_mask_avx512(start, count, rate, kept, base)
      case .avx2: tk_dropout_mask_avx2(start, count, rate, kept, base)
      case .portable: tk_dropout_mask(start, count, rate, kept, base)
      }
    }
    rng.state = start &+ UInt64(truncatingIfNeeded: count) &* SplitMix64.increment
    return mask
  }

  /// The elementwise product of two matrices of the same shape.
  private static func multiplied(_ values: Matrix, by mask: Matrix) -> Matrix {
    precondition(
      values.rows == mask.rows && values.columns == mask.columns,
      "Dropout: values [\(values.rows)×\(values.columns)], mask [\(mask.rows)×\(mask.columns)]")
    var result = values
    mask.storage.withUnsafeBufferPointer { factors in
      result.storage.withUnsafeMutableBufferPointer { products in
        for index in 0..<products.count { products[index] *= factors[index] }
      }
    }
    return result
  }
}
