import Testing

@testable import Tagger

/// The row-block products and the elementwise helpers the recurrent layers use.
@Suite struct MatrixElementwiseTests {
  /// Rows `rows` of `matrix` as a new matrix.
  static func block(_ matrix: Matrix, _ rows: Range<Int>) -> Matrix {
    matrix.gatheringRows(rows.map { Optional($0) })
  }

  /// Row blocks of M = 1 (the `gemv` path) and M = 3, with and without transposes.
  @Test(arguments: [1, 3], [false, true])
  func rowBlockGemmMatchesProductOfBlocks(m: Int, transposeB: Bool) {
    var rng = SplitMix64(seed: 17)
    let a = Matrix.random(rows: 8, columns: 5, using: &rng)
    let b = Matrix.random(rows: 9, columns: 6, using: &rng)
    let bRows = transposeB ? 2..<8 : 3..<8  // op(b) is [5 × 6]
    var c = Matrix.random(rows: 7, columns: 6, using: &rng)
    let original = c
    Matrix.gemm(
      a, rows: 4..<(4 + m), b.columns(transposeB ? 0..<5 : 0..<6), rows: bRows,
      transposeB: transposeB, alpha: 2, beta: 0.5, into: &c, rows: 2..<(2 + m))
    let product = Matrix.product(
      Self.block(a, 4..<(4 + m)), Self.block(b.columns(transposeB ? 0..<5 : 0..<6), bRows),
      transposeB: transposeB)
    for row in 0..<7 {
      let expected =
        (2..<(2 + m)).contains(row)
        ? zip(product.row(row - 2), original.row(row)).map { 2 * $0 + 0.5 * $1 } : original.row(row)
      expectClose(c.row(row), expected, "row \(row)")
    }
  }

  @Test func transposedRowBlockGemmSumsOuterProducts() {
    var rng = SplitMix64(seed: 4)
    let a = Matrix.random(rows: 6, columns: 3, using: &rng)
    let b = Matrix.random(rows: 6, columns: 2, using: &rng)
    var c = Matrix(rows: 3, columns: 2)
    Matrix.gemm(a, rows: 2..<6, b, rows: 0..<4, transposeA: true, into: &c, rows: 0..<3)
    var expected = Matrix(rows: 3, columns: 2)
    for step in 0..<4 {
      for i in 0..<3 { for j in 0..<2 { expected[i, j] += a[step + 2, i] * b[step, j] } }
    }
    expectClose(c.elements, expected.elements)
  }

  @Test func columnHelpersRoundTrip() {
    var rng = SplitMix64(seed: 8)
    let left = Matrix.random(rows: 4, columns: 3, using: &rng)
    let right = Matrix.random(rows: 4, columns: 5, using: &rng)
    let joined = Matrix.concatenatingColumns(left, right)
    #expect(joined.shape == [4, 8])
    #expect(joined.columns(0..<3) == left)
    #expect(joined.columns(3..<8) == right)
    #expect(joined.row(2) == left.row(2) + right.row(2))
    var sums = Matrix(rows: 1, columns: 8, repeating: 1)
    Matrix.addColumnSums(of: joined, into: &sums)
    expectClose(
      sums.elements, (0..<8).map { column in 1 + (0..<4).reduce(0) { $0 + joined[$1, column] } })
  }

  @Test func rowHelpers() {
    let source = Matrix(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 6])
    #expect(source.gatheringRows([2, nil, 0]).elements == [5, 6, 0, 0, 1, 2])
    var target = Matrix(rows: 3, columns: 2, repeating: 1)
    target.addRows(of: Matrix(rows: 2, columns: 2, storage: [10, 20, 30, 40]), at: [nil, 2])
    #expect(target.elements == [1, 1, 1, 1, 31, 41])
    let bias = Matrix(rows: 1, columns: 3, storage: [1, 2, 3])
    #expect(Matrix.broadcasting(row: bias, count: 2).elements == [1, 2, 3, 1, 2, 3])
    var scaled = Matrix(rows: 1, columns: 3, storage: [2, 4, 6])
    scaled.multiplyElementwise(by: Matrix(rows: 1, columns: 3, storage: [0, 0.5, 2]))
    #expect(scaled.elements == [0, 2, 12])
  }

  /// The weight average moved on two threads (training with 2 threads) equals the one-thread
  /// move bit for bit.
  @Test func movingTheAverageOnTwoThreadsEqualsOneThread() {
    var rng = SplitMix64(seed: 91)
    let target = Matrix.random(rows: 300, columns: 257, using: &rng)
    let start = Matrix.random(rows: 300, columns: 257, using: &rng)
    var one = start
    var two = start
    one.moveAverage(towards: target, decay: 0.9)
    two.moveAverage(towards: target, decay: 0.9, usingTwoThreads: true)
    #expect(one.storage == two.storage)
    #expect(one != start)
  }
}
