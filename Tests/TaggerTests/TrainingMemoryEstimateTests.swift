import Testing

@testable import Tagger

@Suite struct TrainingMemoryEstimateTests {
  @Test func smallNetworkFitsAndCountsItsWeights() throws {
    let options = TaggerSamples.tinyOptions()
    let estimate = TrainingMemoryEstimate(options: options, training: TaggerSamples.sentences)
    let trainer = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options,
      tagLayer: .name("upos"))
    let weights = trainer.state.model.network.namedParameters.reduce(0) {
      $0 + $1.value.storage.count
    }
    #expect(estimate.parameterCount == weights)
    #expect(try #require(estimate.totalBytes) > weights * 4)
    #expect(estimate.fits(in: 1 << 30))
  }

  @Test(arguments: [
    (100_000_000, 2, 100), (128, 100_000, 100), (128, 2, 4_000_000_000_000_000_000),
  ])
  func hugeSizesDoNotFit(hidden: Int, layers: Int, wordDim: Int) {
    var options = TaggerSamples.tinyOptions()
    options.configuration.hiddenSize = hidden
    options.configuration.layerCount = layers
    options.configuration.wordEmbeddingSize = wordDim
    let estimate = TrainingMemoryEstimate(options: options, training: TaggerSamples.sentences)
    #expect(!estimate.fits(in: 64 << 30))
  }

  @Test func layersScaleTheEstimate() throws {
    var options = TaggerSamples.tinyOptions()
    let one = try #require(
      TrainingMemoryEstimate(options: options, training: TaggerSamples.sentences).totalBytes)
    options.configuration.layerCount = 3
    let three = try #require(
      TrainingMemoryEstimate(options: options, training: TaggerSamples.sentences).totalBytes)
    #expect(three > one)
  }
}
