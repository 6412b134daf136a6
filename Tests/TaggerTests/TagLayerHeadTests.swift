import Foundation
import Testing

@testable import Tagger

/// Several tag layers on one network: each additional layer is a softmax beside the first one,
/// reading the same stack output; the loss is the sum of the layers' losses.
@Suite struct TagLayerHeadTests {
  /// The second layer's tags of `TaggerNetworkGradientTests.sentences`, and a third layer's.
  static let secondLayer = [[0, 1, 0], [1, 2], [0, 2, 1, 0]]
  static let thirdLayer = [[1, 1, 0], [0, 0], [1, 0, 1, 1]]

  static func network(cell: String = "lstm", crf: Bool = false) -> TaggerNetwork {
    var configuration = TaggerConfiguration()
    configuration.cell = cell
    configuration.layerCount = 1
    configuration.hiddenSize = 3
    configuration.wordEmbeddingSize = 4
    configuration.characterEmbeddingSize = 3
    configuration.characterHiddenSize = 2
    configuration.dropout = 0
    if crf { configuration.decoder = .crf }
    var rng = SplitMix64(seed: 5)
    return TaggerNetwork(
      configuration: configuration, wordCount: 6, characterCount: 12, tagCount: 4,
      layerTagCounts: [3, 2], using: &rng)
  }

  /// The summed loss over the three layers (the first by softmax).
  static func loss(_ network: TaggerNetwork, _ input: NetworkBatch) -> Double {
    var rng = SplitMix64(seed: 0)
    let output = network.forward(input, isTraining: false, using: &rng)
    var total = SoftmaxCrossEntropy.lossAndGradient(
      logits: output.logits!, targets: input.targets
    ).loss
    for (logits, tags) in zip(network.layerLogits(output.cache), [secondLayer, thirdLayer]) {
      total +=
        SoftmaxCrossEntropy.lossAndGradient(
          logits: logits, targets: NetworkBatch.targets(tags, batch: input.batch)
        ).loss
    }
    return total
  }

  @Test(arguments: ["lstm", "gru"])
  func gradientsOfTheSummedLossMatchFiniteDifferences(cell: String) throws {
    let network = Self.network(cell: cell)
    let input = TaggerNetworkGradientTests.input()
    var rng = SplitMix64(seed: 0)
    let output = network.forward(input, isTraining: false, using: &rng)
    func summed(_ logits: Matrix, _ targets: [Int]) -> Matrix {
      let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
      var gradient = result.dLogits
      gradient.scale(by: Float(result.count))  // the gradient of the summed loss
      return gradient
    }
    let layerGradients = zip(network.layerLogits(output.cache), [Self.secondLayer, Self.thirdLayer])
      .map { summed($0, NetworkBatch.targets($1, batch: input.batch)) }
    var gradients = network.zeroedCopy()
    network.backward(
      summed(try #require(output.logits), input.targets), dLayerLogits: layerGradients,
      cache: output.cache, into: &gradients)
    #expect(gradients.layerClassifiers.count == 2)
    #expect(gradients.layerClassifiers[1].weight.storage.contains { $0 != 0 })
    expectGradientsMatch(network, gradients: gradients, maxElementsPerParameter: 12) {
      Self.loss($0, input)
    }
  }

  @Test func parametersAreNamedPerLayer() {
    let names = Self.network().parameterPaths.map(\.name)
    #expect(names.contains("layers.1.classifier.weight"))
    #expect(names.contains("layers.2.classifier.bias"))
    #expect(Set(names).count == names.count)
  }

  /// The samples with a second layer (a coarse class) and a third (the word's length parity).
  static var threeLayerSentences: [TaggedSentence] {
    TaggerSamples.sentences.map { sentence in
      var tagged = sentence
      tagged.layerTags = [
        sentence.tags.map { ["NOUN", "VERB"].contains($0) ? "OPEN" : "CLOSED" },
        sentence.words.map { $0.count % 2 == 0 ? "Even" : "Odd" },
      ]
      return tagged
    }
  }

  static func trainedThreeLayerModel(crf: Bool = false) throws -> TaggerModel {
    var options = TaggerSamples.tinyOptions()
    options.maxEpochs = 40
    if crf { options.configuration.decoder = .crf }
    let heads = ModelHeads(
      tags: .init(layer: .name("upos")), label: nil,
      additionalTags: [.init(layer: .name("xpos")), .init(layer: .name("feats"))])
    var trainer = Trainer(
      training: threeLayerSentences, dev: threeLayerSentences, options: options,
      tagLayer: .name("upos"), heads: heads)
    let model = try trainer.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
    return try #require(model)
  }

  @Test(arguments: [false, true])
  func everyLayerIsLearnedAndSurvivesTheModelFile(crf: Bool) throws {
    let model = try Self.trainedThreeLayerModel(crf: crf)
    #expect(model.layerTagSets.map(\.tags) == [["CLOSED", "OPEN"], ["Even", "Odd"]])
    let inputs = Self.threeLayerSentences.map(\.input)
    let predicted = model.tagLayersInBatches(inputs)
    for (sentence, layers) in zip(Self.threeLayerSentences, predicted) {
      #expect(layers == sentence.allLayerTags, "\(sentence.words)")
    }
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("joint.tagger").path
    try ModelFile.save(model, to: path)
    let loaded = try ModelFile.load(from: path)
    #expect(loaded == model)
    #expect(loaded.heads.tagLayers == [.name("upos"), .name("xpos"), .name("feats")])
    #expect(loaded.predict(inputs, decoding: loaded.defaultDecoding, topK: 2)
      == model.predict(inputs, decoding: model.defaultDecoding, topK: 2))
    // Long sentences are tagged in windows: every layer's tags come back in place.
    let long = Array(repeating: Self.threeLayerSentences[3].input.words, count: 5).flatMap { $0 }
    let windowed = loaded.predictInWindows(
      [TaggerInput(words: long)], maxLength: 7, computesProbabilities: false)[0]
    #expect(windowed.count == long.count)
    #expect(
      windowed.allSatisfy {
        $0.layerTags.count == 2 && loaded.layerTagSets[0].id(of: $0.layerTags[0]) != nil
          && loaded.layerTagSets[1].id(of: $0.layerTags[1]) != nil
      })
  }

  @Test func aFileWhoseLayerTagSetsDoNotMatchItsHeadsIsRefused() throws {
    let model = try Self.trainedThreeLayerModel()
    var broken = model
    broken.layerTagSets.removeLast()
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("broken.tagger").path
    try ModelFile.save(broken, to: path)
    let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    #expect("\(error)".contains("layerTags"), "\(error)")
  }
}

/// AllTags counts the words whose every tag layer is right; lemmas are scored on their own.
@Suite struct LayeredTagEvaluatorTests {
  @Test func allTagsLeavesTheLemmaOut() {
    var evaluator = LayeredTagEvaluator(layerNames: ["upos", "xpos", "lemma"]) { TagEvaluator() }
    evaluator.add(
      gold: [["DET", "NOUN"], ["DT", "NNS"], ["the", "dog"]],
      predicted: [["DET", "NOUN"], ["DT", "NN"], ["the", "dogs"]], words: ["the", "dogs"])
    let scores = evaluator.scores()
    #expect(scores.allTags == AllTagsScore(tokens: 2, correctTokens: 1))
    #expect(scores.layers.map(\.correctTokens) == [2, 1, 1])
    #expect(abs(evaluator.meanAccuracy - 200.0 / 3) < 1e-9)
  }
}
