import CTaggerKernels

/// A weight matrix `W` (`[n × k]`, PyTorch's layout) packed once for many products `x · Wᵀ`:
/// a recurrent layer's `Wh`, multiplied by every time step's hidden rows.
///
/// OpenBLAS packs both operands on every call; at a few dozen rows per time step, packing the
/// weights costs about a third of the product. Packing them once per sequence batch and running
/// `tk_sgemm_packed_*` (AVX-512 or AVX2, by `CellKernelLevel.active`) at each step leaves only the
/// multiplication. Each output is one chain of fused multiply-adds, so the AVX2 and AVX-512
/// levels give bit-identical products; they differ from OpenBLAS's in the last bits.
struct PackedWeights: Sendable {
  /// Outputs (rows of `W`).
  let n: Int
  /// Inputs (columns of `W`).
  let k: Int
  /// Packed once for many batches (`RecurrentLayer.packForInference`) rather than for one call's
  /// steps: products pay from fewer rows (`paysWhenPacked`, not `pays`).
  let isForManyBatches: Bool
  private var storage: [Float]

  /// Whether products go through packed weights at this kernel level (`portable` keeps
  /// OpenBLAS for every product).
  static var isAvailable: Bool { CellKernelLevel.active >= .avx2 }

  /// Whether a product with `rows` rows should use the packed weights at `level`: from 3 rows
  /// (one goes through `sgemv`, two through the unpacked kernel), and at the AVX2 level only up
  /// to 16 (measured on Zen 4 against OpenBLAS's AVX-512 kernels, `packed_gemm_bench.c`: the
  /// AVX2 kernel is 1.4–2.2× at 8 rows, 0.65–1.1× from 30; the AVX-512 one 1.2–3.8× throughout).
  static func pays(rows: Int, level: CellKernelLevel = .active) -> Bool {
    rows >= 3 && (level >= .avx512 || rows <= 16)
  }

  /// Whether a product with `rows` rows should use weights packed once for many batches
  /// (`RecurrentLayer.packForInference`), where no packing is left to repay: always at the
  /// AVX-512 level, up to 64 rows at the AVX2 level. Measured on Zen 4 against OpenBLAS's
  /// AVX-512 kernels with one thread: one row 1.2–2× `sgemv` (both kernels); [512 × 200]
  /// weights at 25 / 64 / 200 / 800 rows 1.54 / 1.24 / 1.10 / 1.05× (AVX-512) and 1.30 / 1.01 /
  /// 0.97 / 0.91× (AVX2).
  static func paysWhenPacked(rows: Int, level: CellKernelLevel = .active) -> Bool {
    rows >= 1 && (level >= .avx512 || rows <= 64)
  }

  /// Whether a product with `rows` rows should use these weights (`paysWhenPacked` for weights
  /// packed for many batches, `pays` otherwise).
  func pays(rows: Int) -> Bool {
    isForManyBatches ? Self.paysWhenPacked(rows: rows) : Self.pays(rows: rows)
  }

  /// Packs `weights` into panels of 16 rows, for one call's steps or for many batches.
  init(_ weights: Matrix, forManyBatches: Bool = false) {
    n = weights.rows
    k = weights.columns
    isForManyBatches = forManyBatches
    storage = [Float](repeating: 0, count: (n + 15) / 16 * 16 * k)
    let (n, k) = (n, k)
    weights.storage.withUnsafeBufferPointer { source in
      storage.withUnsafeMutableBufferPointer { packed in
        guard let sourceBase = source.baseAddress, let packedBase = packed.baseAddress else {
          return
        }
        tk_pack_b16(n, k, sourceBase, k, packedBase)
      }
    }
  }

  /// The weights (or their transpose, for `x · W`) packed for a recurrence whose steps multiply
  /// `stepRows` rows each, or nil when the products should go to `Matrix.gemm`: no vector
  /// kernels, or fewer than two steps where packing pays (`pays`) to repay the packing.
  static func forRecurrence(_ weights: Matrix, stepRows: [Int], transposed: Bool = false)
    -> PackedWeights?
  {
    guard isAvailable, !weights.storage.isEmpty,
      stepRows.lazy.filter({ pays(rows: $0) }).prefix(2).count == 2
    else { return nil }
    return PackedWeights(transposed ? weights.transposed : weights)
  }

  /// `c[cRows] ← a[aRows] · Wᵀ + beta · c[cRows]`, with the kernels of `level` (AVX2 or
  /// AVX-512, and supported by this CPU).
  func multiply(
    _ a: Matrix, rows aRows: Range<Int>, beta: Float, into c: inout Matrix, rows cRows: Range<Int>,
    level: CellKernelLevel = .active
  ) {
    precondition(level >= .avx2 && level.isSupported, "PackedWeights: no \(level) kernels here")
    precondition(
      a.columns == k && c.columns == n && aRows.count == cRows.count
        && aRows.lowerBound >= 0 && aRows.upperBound <= a.rows && cRows.lowerBound >= 0
        && cRows.upperBound <= c.rows,
      "PackedWeights.multiply: [\(a.rows)×\(a.columns)][\(aRows)] · [\(n)×\(k)]ᵀ into"
        + " [\(c.rows)×\(c.columns)][\(cRows)]")
    if aRows.isEmpty { return }
    a.storage.withUnsafeBufferPointer { aBuffer in
      storage.withUnsafeBufferPointer { packed in
        c.storage.withUnsafeMutableBufferPointer { cBuffer in
          guard let aBase = aBuffer.baseAddress, let packedBase = packed.baseAddress,
            let cBase = cBuffer.baseAddress
          else { return }
          let aPointer = aBase + aRows.lowerBound * k
          let cPointer = cBase + cRows.lowerBound * n
          if level >= .avx512 {
            tk_sgemm_packed_avx512(aRows.count, n, k, aPointer, k, packedBase, cPointer, n, beta)
          } else {
            tk_sgemm_packed_avx2(aRows.count, n, k, aPointer, k, packedBase, cPointer, n, beta)
          }
        }
      }
    }
  }
}
