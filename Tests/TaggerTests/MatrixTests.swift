import Testing

@testable import Tagger

@Suite struct MatrixTests {
  @Test(arguments: [(1, 1, 1), (2, 3, 5), (7, 4, 3)])
  func gemmMatchesNaiveProduct(m: Int, k: Int, n: Int) {
    var rng = SplitMix64(seed: 7)
    let a = Matrix(rows: m, columns: k, storage: (0..<m * k).map { _ in rng.nextFloat(in: -1, 1) })
    let b = Matrix(rows: k, columns: n, storage: (0..<k * n).map { _ in rng.nextFloat(in: -1, 1) })
    var naive = Matrix(rows: m, columns: n)
    for i in 0..<m {
      for j in 0..<n {
        for p in 0..<k { naive[i, j] += a[i, p] * b[p, j] }
      }
    }
    expectClose(Matrix.product(a, b).elements, naive.elements)
    expectClose(Matrix.product(a.transposed, b, transposeA: true).elements, naive.elements)
    expectClose(Matrix.product(a, b.transposed, transposeB: true).elements, naive.elements)
    var accumulated = naive
    Matrix.gemm(a, b, beta: 1, into: &accumulated)
    expectClose(accumulated.elements, naive.elements.map { 2 * $0 })
  }

  /// The vectorised sum of squares against a serial `Double` sum, on sizes around the 8-lane
  /// width; and `zero()` clears every element.
  @Test(arguments: [0, 1, 7, 8, 9, 17, 64, 1_001])
  func sumOfSquaresAndZero(count: Int) {
    var rng = SplitMix64(seed: UInt64(count) + 1)
    var matrix = Matrix(rows: 1, columns: count, storage: (0..<count).map { _ in
      rng.nextFloat(in: -3, 3)
    })
    let serial = matrix.storage.reduce(0.0) { $0 + Double($1) * Double($1) }
    #expect(abs(matrix.sumOfSquares() - serial) <= 1e-12 * max(1, serial))
    matrix.zero()
    #expect(matrix.storage.allSatisfy { $0 == 0 } && matrix.storage.count == count)
  }

  /// `x · Wᵀ` with few rows (the unpacked AVX2 kernel when the CPU has it) against a naive
  /// product: row blocks inside larger matrices, odd sizes, and `beta` 0 (old values ignored,
  /// even NaN) and 1 (accumulated).
  @Test(arguments: [2, 3, 4, 5, 7, 8, 11, 12, 13])
  func smallProductsWithTransposedWeights(rows: Int) {
    var rng = SplitMix64(seed: UInt64(rows))
    for (depth, outputs) in [(3, 5), (8, 16), (50, 7), (130, 33)] {
      let a = Matrix(
        rows: rows + 3, columns: depth, storage: (0..<(rows + 3) * depth).map { _ in
          rng.nextFloat(in: -1, 1)
        })
      let w = Matrix(
        rows: outputs + 1, columns: depth, storage: (0..<(outputs + 1) * depth).map { _ in
          rng.nextFloat(in: -1, 1)
        })
      var naive = Matrix(rows: rows, columns: outputs)
      for i in 0..<rows {
        for j in 0..<outputs {
          var sum: Float = 0
          for p in 0..<depth { sum += a[i + 2, p] * w[j + 1, p] }
          naive[i, j] = sum
        }
      }
      var product = Matrix(rows: rows + 1, columns: outputs, repeating: .nan)
      Matrix.gemm(
        a, rows: 2..<(rows + 2), w, rows: 1..<(outputs + 1), transposeB: true, into: &product,
        rows: 1..<(rows + 1))
      expectClose(Array(product.elements.dropFirst(outputs)), naive.elements, absolute: 1e-4)
      #expect(product.storage.prefix(outputs).allSatisfy { $0.isNaN }, "row 0 untouched")
      Matrix.gemm(
        a, rows: 2..<(rows + 2), w, rows: 1..<(outputs + 1), transposeB: true, beta: 1,
        into: &product, rows: 1..<(rows + 1))
      expectClose(
        Array(product.elements.dropFirst(outputs)), naive.elements.map { 2 * $0 }, absolute: 1e-4)
    }
  }
}
