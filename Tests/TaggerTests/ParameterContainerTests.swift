import Testing

@testable import Tagger

@Suite struct ParameterContainerTests {
  @Test func layersNameTheirParameters() {
    var rng = SplitMix64(seed: 30)
    let embedding = Embedding(vocabularySize: 4, dimension: 2, using: &rng)
    let linear = Linear(inputSize: 2, outputSize: 3, using: &rng)
    #expect(embedding.namedParameters.map(\.name) == ["table"])
    #expect(linear.namedParameters.map(\.name) == ["weight", "bias"])
    #expect(embedding.namedParameters.map(\.value) == [embedding.table])
    #expect(linear.namedParameters.map(\.value) == [linear.weight, linear.bias])
  }

  @Test func composedModelPrefixesNamesAndReachesTheRightMatrices() throws {
    var model = TinyTagger(vocabularySize: 7, embeddingSize: 3, tagCount: 5, seed: 31)
    #expect(
      model.namedParameters.map(\.name) == ["embedding.table", "output.weight", "output.bias"])
    #expect(model.namedParameters.map(\.value.shape) == [[7, 3], [5, 3], [1, 5]])
    #expect(model.parameterCount == 21 + 15 + 5)
    let biasPath = try #require(model.parameterPaths.last?.path)
    model[keyPath: biasPath][0, 4] = 42
    #expect(model.output.bias[0, 4] == 42)
  }

  @Test func zeroedCopyKeepsShapes() {
    let model = TinyTagger(vocabularySize: 7, embeddingSize: 3, tagCount: 5, seed: 32)
    let zeroed = model.zeroedCopy()
    #expect(zeroed.namedParameters.map(\.value.shape) == model.namedParameters.map(\.value.shape))
    #expect(zeroed.namedParameters.allSatisfy { $0.value.elements.allSatisfy { $0 == 0 } })
  }
}
