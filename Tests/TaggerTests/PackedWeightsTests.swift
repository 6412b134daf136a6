import Testing

@testable import Tagger

/// `x · Wᵀ` through weights packed once (`PackedWeights`, the recurrent layers' step product)
/// against a naive product: row blocks inside larger matrices, output counts that are not
/// multiples of 16, `beta` 0 (old values ignored, even NaN), 1 and 0.5; and the AVX2 and AVX-512
/// kernels bit-identical to each other (the AVX-512 half runs where the CPU has it).
@Suite(.enabled(if: PackedWeights.isAvailable, "needs AVX2 and FMA (TAGCLI_KERNELS=portable turns them off)"))
struct PackedWeightsTests {
  @Test(arguments: [1, 2, 3, 5, 6, 7, 8, 9, 13, 30])
  func packedProductsMatchTheNaiveOne(rows: Int) {
    var rng = SplitMix64(seed: UInt64(rows) + 100)
    for (depth, outputs) in [(1, 1), (3, 5), (8, 16), (50, 200), (17, 33), (128, 512), (20, 48)] {
      let a = Matrix(
        rows: rows + 3, columns: depth,
        storage: (0..<(rows + 3) * depth).map { _ in rng.nextFloat(in: -1, 1) })
      let w = Matrix(
        rows: outputs, columns: depth,
        storage: (0..<outputs * depth).map { _ in rng.nextFloat(in: -1, 1) })
      let start = Matrix(
        rows: rows + 1, columns: outputs,
        storage: (0..<(rows + 1) * outputs).map { _ in rng.nextFloat(in: -1, 1) })
      var naive = Matrix(rows: rows, columns: outputs)
      for i in 0..<rows {
        for j in 0..<outputs {
          var sum: Float = 0
          for p in 0..<depth { sum += a[i + 2, p] * w[j, p] }
          naive[i, j] = sum
        }
      }
      let packed = PackedWeights(w)
      for level in CellKernelLevel.allCases where level >= .avx2 && level.isSupported {
        for beta: Float in [0, 1, 0.5] {
          var product = start
          if beta == 0 {
            for j in 0..<outputs { product[1, j] = .nan }
          }
          packed.multiply(
            a, rows: 2..<(rows + 2), beta: beta, into: &product, rows: 1..<(rows + 1), level: level)
          let expected = (0..<rows * outputs).map { index in
            naive.storage[index] + beta * start.storage[outputs + index]
          }
          expectClose(
            Array(product.elements.dropFirst(outputs)), expected, absolute: 1e-4,
            "\(level), beta \(beta), [\(rows)×\(depth)]·[\(outputs)×\(depth)]ᵀ")
          #expect(
            Array(product.storage.prefix(outputs)) == Array(start.storage.prefix(outputs)),
            "row 0 untouched")
        }
      }
      if CellKernelLevel.avx512.isSupported {
        var viaAVX2 = start
        var viaAVX512 = start
        packed.multiply(a, rows: 1..<(rows + 1), beta: 1, into: &viaAVX2, rows: 0..<rows, level: .avx2)
        packed.multiply(
          a, rows: 1..<(rows + 1), beta: 1, into: &viaAVX512, rows: 0..<rows, level: .avx512)
        #expect(viaAVX2.storage == viaAVX512.storage, "[\(rows)×\(depth)]·[\(outputs)×\(depth)]ᵀ")
      }
    }
  }

  /// One and two rows go through wider blocks (8 or 4 panels at once) than larger products;
  /// each output is still one chain of multiply-adds in the same order, so those rows equal the
  /// same rows of a larger product bit for bit, at both levels.
  @Test func oneAndTwoRowsEqualTheSameRowsOfALargerProduct() {
    var rng = SplitMix64(seed: 41)
    for (depth, outputs) in [(5, 7), (50, 200), (128, 512), (33, 130), (20, 16)] {
      let a = Matrix.random(rows: 5, columns: depth, using: &rng)
      let packed = PackedWeights(Matrix.random(rows: outputs, columns: depth, using: &rng))
      let start = Matrix.random(rows: 5, columns: outputs, using: &rng)
      for level in CellKernelLevel.allCases where level >= .avx2 && level.isSupported {
        for beta: Float in [0, 1] {
          var whole = start
          packed.multiply(a, rows: 0..<5, beta: beta, into: &whole, rows: 0..<5, level: level)
          var pieces = start
          packed.multiply(a, rows: 0..<1, beta: beta, into: &pieces, rows: 0..<1, level: level)
          packed.multiply(a, rows: 1..<3, beta: beta, into: &pieces, rows: 1..<3, level: level)
          packed.multiply(a, rows: 3..<5, beta: beta, into: &pieces, rows: 3..<5, level: level)
          #expect(
            pieces.storage == whole.storage,
            "\(level), beta \(beta), [·×\(depth)]·[\(outputs)×\(depth)]ᵀ")
        }
      }
    }
  }

  /// Weights packed once for inference pay at every row count at the AVX-512 level and up to
  /// 64 rows at the AVX2 level.
  @Test func whenWeightsPackedOncePay() {
    #expect(!PackedWeights.paysWhenPacked(rows: 0, level: .avx512))
    #expect(PackedWeights.paysWhenPacked(rows: 1, level: .avx2))
    #expect(PackedWeights.paysWhenPacked(rows: 64, level: .avx2))
    #expect(!PackedWeights.paysWhenPacked(rows: 65, level: .avx2))
    #expect(PackedWeights.paysWhenPacked(rows: 5_000, level: .avx512))
    let weights = Matrix(rows: 4, columns: 3)
    #expect(PackedWeights(weights, forManyBatches: true).pays(rows: 1), "the inference copy")
    #expect(!PackedWeights(weights).pays(rows: 1), "packed for one call's steps")
  }

  /// Packed products from 3 rows; the AVX2 kernel only up to 16 rows.
  @Test func whenPackingPays() {
    #expect(!PackedWeights.pays(rows: 2, level: .avx512))
    #expect(PackedWeights.pays(rows: 3, level: .avx2))
    #expect(PackedWeights.pays(rows: 16, level: .avx2))
    #expect(!PackedWeights.pays(rows: 17, level: .avx2))
    #expect(PackedWeights.pays(rows: 64, level: .avx512))
    let weights = Matrix(rows: 4, columns: 3)
    #expect(PackedWeights.forRecurrence(weights, stepRows: [5, 5, 4]) != nil)
    #expect(PackedWeights.forRecurrence(weights, stepRows: [5, 2, 1]) == nil, "one step pays")
    #expect(PackedWeights.forRecurrence(weights, stepRows: [2, 2, 1, 1]) == nil)
  }
}
