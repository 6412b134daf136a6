import Testing

@testable import Tagger

@Suite struct EmbeddingTests {
  @Test func initialisationIsUniformWithZeroPaddingRow() {
    var rng = SplitMix64(seed: 1)
    let embedding = Embedding(vocabularySize: 50, dimension: 7, using: &rng)
    #expect(embedding.table.shape == [50, 7])
    #expect(embedding.table.row(Embedding.paddingID) == [Float](repeating: 0, count: 7))
    let trained = embedding.table.elements.dropFirst(7)
    #expect(trained.allSatisfy { $0 >= -0.1 && $0 < 0.1 })
    #expect(Set(trained).count > 300, "rows are not random")
    var again = SplitMix64(seed: 1)
    #expect(Embedding(vocabularySize: 50, dimension: 7, using: &again) == embedding)
  }

  @Test func forwardGathersRowsInOrder() {
    var rng = SplitMix64(seed: 2)
    let embedding = Embedding(vocabularySize: 6, dimension: 3, using: &rng)
    let ids = [3, 0, 5, 3]
    let output = embedding.forward(ids)
    #expect(output.shape == [4, 3])
    for (row, id) in ids.enumerated() { #expect(output.row(row) == embedding.table.row(id)) }
    #expect(embedding.forward([]).shape == [0, 3])
  }

  @Test func backwardTouchesOnlyLookedUpRowsAndSkipsPadding() {
    var rng = SplitMix64(seed: 3)
    let embedding = Embedding(vocabularySize: 8, dimension: 2, using: &rng)
    var gradients = embedding.zeroedCopy()
    let ids = [4, 0, 4, 2]
    let dOutput = Matrix(rows: 4, columns: 2, storage: [1, 2, 10, 20, 3, 4, 5, 6])
    embedding.backward(dOutput, ids: ids, into: &gradients)
    #expect(gradients.table.row(4) == [4, 6], "repeated ids accumulate")
    #expect(gradients.table.row(2) == [5, 6])
    for row in [0, 1, 3, 5, 6, 7] {
      #expect(gradients.table.row(row) == [0, 0], "row \(row) must stay untouched")
    }
    embedding.backward(dOutput, ids: ids, into: &gradients)
    #expect(gradients.table.row(4) == [8, 12], "backward adds into the accumulator")
  }

  @Test(arguments: [(2, 1, 1), (5, 3, 4), (9, 5, 7)])
  func gradientMatchesFiniteDifferences(vocabularySize: Int, dimension: Int, count: Int) {
    var rng = SplitMix64(seed: UInt64(vocabularySize * 100 + dimension))
    let embedding = Embedding(vocabularySize: vocabularySize, dimension: dimension, using: &rng)
    // Repeated ids and the padding id on purpose.
    let ids = (0..<count).map { ($0 * 3 + 1) % vocabularySize } + [0, 1]
    let weights = randomMatrix(rows: ids.count, columns: dimension, using: &rng)
    var gradients = embedding.zeroedCopy()
    let output = embedding.forward(ids)
    embedding.backward(lossGradient(of: output, weights: weights), ids: ids, into: &gradients)
    // The padding row's true derivative is not zero, but padding is frozen by design: skip it.
    let padding = gradients.table.row(0)
    #expect(padding == [Float](repeating: 0, count: dimension))
    expectGradientsMatch(embedding, gradients: gradients) { candidate in
      weightedLoss(candidate.forward(ids), weights: weights) - paddingTerm(candidate, ids, weights)
    }
  }
}

/// The part of the weighted loss contributed by rows looked up with the padding id, which the
/// layer deliberately gives no gradient; subtracting it makes the numeric derivative of row 0 zero.
private func paddingTerm(_ embedding: Embedding, _ ids: [Int], _ weights: Matrix) -> Double {
  var total: Double = 0
  for (row, id) in ids.enumerated() where id == Embedding.paddingID {
    for column in 0..<embedding.dimension {
      let value = Double(embedding.table[0, column])
      total += Double(weights[row, column]) * value + 0.5 * value * value
    }
  }
  return total
}
