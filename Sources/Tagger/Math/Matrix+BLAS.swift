internal import CBLAS

extension Matrix {
  /// `c ← alpha · op(a) · op(b) + beta · c`, through OpenBLAS `cblas_sgemm`.
  ///
  /// `op(x)` is `x` or its transpose. `c` must already have the result's shape; with
  /// `beta = 1` the product is added to it (how gradients accumulate).
  static func gemm(
    _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
    alpha: Float = 1, beta: Float = 0, into c: inout Matrix
  ) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kB = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(
      k == kB && c.rows == m && c.columns == n,
      "gemm: op([\(a.rows)×\(a.columns)]) · op([\(b.rows)×\(b.columns)]) into [\(c.rows)×\(c.columns)]"
    )
    if m == 0 || n == 0 { return }
    if k == 0 {
      if beta != 1 { for index in c.storage.indices { c.storage[index] *= beta } }
      return
    }
    a.storage.withUnsafeBufferPointer { aBuffer in
      b.storage.withUnsafeBufferPointer { bBuffer in
        c.storage.withUnsafeMutableBufferPointer { cBuffer in
          cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            aBuffer.baseAddress, Int32(a.columns), bBuffer.baseAddress, Int32(b.columns),
            beta, cBuffer.baseAddress, Int32(c.columns))
        }
      }
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
