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
}
