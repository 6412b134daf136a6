import Testing

@testable import Tagger

/// Embedding → Linear → softmax cross-entropy: the smallest tagger, for composed gradient checks
/// and the learning tests of the optimizers.
struct TinyTagger: ParameterContainer, Equatable {
  var embedding: Embedding
  var output: Linear

  init(vocabularySize: Int, embeddingSize: Int, tagCount: Int, seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    embedding = Embedding(vocabularySize: vocabularySize, dimension: embeddingSize, using: &rng)
    output = Linear(inputSize: embeddingSize, outputSize: tagCount, using: &rng)
  }

  var parameterPaths: [(name: String, path: WritableKeyPath<TinyTagger, Matrix>)] {
    prefixedPaths("embedding", \.embedding) + prefixedPaths("output", \.output)
  }

  /// The mean loss over counted tokens and its gradients.
  func lossAndGradients(ids: [Int], targets: [Int]) -> (loss: Double, gradients: TinyTagger) {
    let embedded = embedding.forward(ids)
    let logits = output.forward(embedded)
    let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
    var gradients = zeroedCopy()
    let dEmbedded = output.backward(result.dLogits, input: embedded, into: &gradients.output)
    embedding.backward(dEmbedded, ids: ids, into: &gradients.embedding)
    return (result.loss / Double(max(result.count, 1)), gradients)
  }

  func predictedTags(ids: [Int]) -> [Int] {
    SoftmaxCrossEntropy.argmax(output.forward(embedding.forward(ids)))
  }
}

@Suite struct GradientCheckTests {
  @Test(arguments: [(3, 1, 2, 1), (6, 3, 4, 5), (11, 5, 3, 9)])
  func composedNetworkMatchesFiniteDifferences(
    vocabularySize: Int, embeddingSize: Int, tagCount: Int, length: Int
  ) {
    let model = TinyTagger(
      vocabularySize: vocabularySize, embeddingSize: embeddingSize, tagCount: tagCount,
      seed: UInt64(vocabularySize * 1000 + length))
    // Ids cycle through the vocabulary (padding and repeats included); every fourth target is
    // ignored.
    let ids = (0..<length).map { ($0 * 2 + 1) % vocabularySize }
    let targets = (0..<length).map { $0 % 4 == 3 ? -1 : ($0 * 3) % tagCount }
    let (_, gradients) = model.lossAndGradients(ids: ids, targets: targets)
    // Row 0 (<pad>) is frozen by design; its finite difference is not zero when looked up.
    let names: Set<String> = ["output.weight", "output.bias", "embedding.table"]
    let checked = ids.contains(0) ? names.subtracting(["embedding.table"]) : names
    expectGradientsMatch(model, gradients: gradients, names: checked) { candidate in
      candidate.lossAndGradients(ids: ids, targets: targets).loss
    }
  }

  @Test func detectsAWrongGradient() {
    let model = TinyTagger(vocabularySize: 5, embeddingSize: 3, tagCount: 4, seed: 21)
    let ids = [1, 2, 3, 4]
    let targets = [0, 1, 2, 3]
    var (_, gradients) = model.lossAndGradients(ids: ids, targets: targets)
    gradients.output.weight[1, 2] += 0.05
    let result = gradientMismatches(model, gradients: gradients) { candidate in
      candidate.lossAndGradients(ids: ids, targets: targets).loss
    }
    #expect(result.checked == model.parameterCount)
    #expect(result.mismatches.map(\.name) == ["output.weight"])
    #expect(result.mismatches.map(\.index) == [1 * 3 + 2])
  }

  @Test func samplesLargeParameters() {
    let model = TinyTagger(vocabularySize: 40, embeddingSize: 10, tagCount: 3, seed: 22)
    let ids = [5, 6]
    let targets = [1, 2]
    let (_, gradients) = model.lossAndGradients(ids: ids, targets: targets)
    let result = gradientMismatches(model, gradients: gradients, maxElementsPerParameter: 7) {
      $0.lossAndGradients(ids: ids, targets: targets).loss
    }
    #expect(result.checked == 7 + 7 + 3)
    #expect(result.mismatches.isEmpty)
  }
}
