internal import CBLAS
import CTaggerKernels

extension Matrix {
  /// `c ← alpha · op(a) · op(b) + beta · c`, through OpenBLAS `cblas_sgemm`.
  ///
  /// `op(x)` is `x` or its transpose. `c` must already have the result's shape; with
  /// `beta = 1` the product is added to it (how gradients accumulate).
  static func gemm(
    _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
    alpha: Float = 1, beta: Float = 0, into c: inout Matrix
  ) {
    gemm(
      a, rows: 0..<a.rows, b, rows: 0..<b.rows, transposeA: transposeA, transposeB: transposeB,
      alpha: alpha, beta: beta, into: &c, rows: 0..<c.rows)
  }

  /// `c[cRows] ← alpha · op(a[aRows]) · op(b[bRows]) + beta · c[cRows]` on blocks of whole rows.
  ///
  /// Each operand is the block of consecutive stored rows given by its range (before `op`), so a
  /// time step of a `[T·B, ·]` buffer is used in place, without a copy. A one-row product
  /// (`op(a)` is `[1 × k]`) goes through `cblas_sgemv`, which is about 5× faster than a one-row
  /// `sgemm` on this OpenBLAS.
  static func gemm(
    _ a: Matrix, rows aRows: Range<Int>, _ b: Matrix, rows bRows: Range<Int>,
    transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1, beta: Float = 0,
    into c: inout Matrix, rows cRows: Range<Int>
  ) {
    let m = transposeA ? a.columns : aRows.count
    let k = transposeA ? aRows.count : a.columns
    let kB = transposeB ? b.columns : bRows.count
    let n = transposeB ? bRows.count : b.columns
    precondition(
      aRows.lowerBound >= 0 && aRows.upperBound <= a.rows && bRows.lowerBound >= 0
        && bRows.upperBound <= b.rows && cRows.lowerBound >= 0 && cRows.upperBound <= c.rows
        && k == kB && cRows.count == m && c.columns == n,
      "gemm: op([\(a.rows)×\(a.columns)][\(aRows)]) · op([\(b.rows)×\(b.columns)][\(bRows)])"
        + " into [\(c.rows)×\(c.columns)][\(cRows)]")
    if m == 0 || n == 0 { return }
    if k == 0 {
      scaleRows(of: &c, cRows, by: beta)
      return
    }
    a.storage.withUnsafeBufferPointer { aBuffer in
      b.storage.withUnsafeBufferPointer { bBuffer in
        c.storage.withUnsafeMutableBufferPointer { cBuffer in
          guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
            let cBase = cBuffer.baseAddress
          else { return }
          let aPointer = aBase + aRows.lowerBound * a.columns
          let bPointer = bBase + bRows.lowerBound * b.columns
          let cPointer = cBase + cRows.lowerBound * c.columns
          if !transposeA && transposeB && alpha == 1
            && Self.usesSmallProductKernel(rows: m, depth: k)
          {
            // x · Wᵀ with few rows of x: no packing of W (see `usesSmallProductKernel`).
            tk_sgemm_abt_avx2(
              m, n, k, aPointer, a.columns, bPointer, b.columns, cPointer, c.columns, beta)
            return
          }
          if m == 1 {
            // y = x · op(B): with B stored [r × s], that is B·x when transposed, Bᵀ·x otherwise.
            cblas_sgemv(
              CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans,
              Int32(bRows.count), Int32(b.columns), alpha, bPointer, Int32(b.columns),
              aPointer, 1, beta, cPointer, 1)
            return
          }
          cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            aPointer, Int32(a.columns), bPointer, Int32(b.columns),
            beta, cPointer, Int32(c.columns))
        }
      }
    }
  }

  /// Whether `x · Wᵀ` with `rows` rows of x and inner size `depth` goes through the
  /// `tk_sgemm_abt_avx2` kernel instead of OpenBLAS: OpenBLAS packs W on every call, which for
  /// 2 to 12 rows costs more than the product. Measured on the 2-core Zen 3 test machine
  /// against OpenBLAS 0.3.21 (n = 512): 2–4× faster at 2–4 rows, 1.2–1.6× at 8–12 (`depth` ≥ 100;
  /// up to 8 rows below), even at 16, slower beyond. One row stays with `cblas_sgemv`. Needs
  /// AVX2 and FMA, and follows `TAGCLI_KERNELS` (`portable` keeps OpenBLAS for every product).
  static func usesSmallProductKernel(rows: Int, depth: Int) -> Bool {
    rows >= 2 && rows <= (depth >= 100 ? 12 : 8) && CellKernelLevel.active >= .avx2
  }

  /// Multiplies the rows `rows` of `c` by `factor` (`beta` of an empty product).
  private static func scaleRows(of c: inout Matrix, _ rows: Range<Int>, by factor: Float) {
    if factor == 1 { return }
    for index in rows.lowerBound * c.columns..<rows.upperBound * c.columns {
      c.storage[index] *= factor
    }
  }

  /// The product `a · b` as a new matrix.
  static func product(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false)
    -> Matrix
  {
    var c = Matrix(
      rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
    gemm(a, b, transposeA: transposeA, transposeB: transposeB, into: &c)
    return c
  }

  /// Limits OpenBLAS to `count` threads (1 when the caller parallelises on its own).
  public static func setBLASThreads(_ count: Int) {
    openblas_set_num_threads(Int32(count))
  }
}
