import Foundation
import Testing

@testable import Tagger

/// The CRF decoder and input features inside the whole tagger: gradients through the network,
/// learning, saving and loading.
@Suite struct CRFTaggerTests {
  /// The samples with a second column: a coarse class of each tag, as a POS column would be.
  static let sentences: [TaggedSentence] = TaggerSamples.sentences.map { sentence in
    var copy = sentence
    copy.features = [sentence.tags.map { $0 == "NOUN" || $0 == "ADJ" ? "N" : "X" }]
    return copy
  }

  static func options(decoder: TagDecoder, features: Bool) -> TrainingOptions {
    var options = TaggerSamples.tinyOptions()
    options.configuration.decoder = decoder
    options.configuration.features =
      features ? [InputFeature(layer: .name("pos"), embeddingSize: 3)] : nil
    return options
  }

  static func train(_ options: TrainingOptions, epochs: Int) throws -> TaggerModel {
    var options = options
    options.maxEpochs = epochs
    let data = options.configuration.features == nil ? TaggerSamples.sentences : sentences
    var trainer = Trainer(training: data, dev: data, options: options, tagLayer: .name("upos"))
    return try #require(
      try trainer.train(
        onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in }))
  }

  @Test func gradientsThroughTheNetworkWithCRFAndFeaturesMatchFiniteDifferences() throws {
    var configuration = TaggerConfiguration()
    configuration.layerCount = 1
    configuration.hiddenSize = 3
    configuration.wordEmbeddingSize = 4
    configuration.characterHiddenSize = 0
    configuration.dropout = 0
    configuration.decoder = .crf
    configuration.features = [InputFeature(layer: .name("pos"), embeddingSize: 2)]
    var rng = SplitMix64(seed: 5)
    let network = TaggerNetwork(
      configuration: configuration, wordCount: 6, characterCount: 4, tagCount: 3,
      featureValueCounts: [4], using: &rng)
    let forms = [["a", "b", "c"], ["d"], ["b", "a"]]
    let input = NetworkBatch(
      forms: forms, wordIDs: [[2, 3, 4], [5], [3, 2]], characterIDs: { _ in [] },
      tagIDs: [[0, 1, 2], [1], [2, 0]], featureIDs: [[[2, 3, 1]], [[2]], [[3, 3]]], featureCount: 1)
    var noDropout = SplitMix64(seed: 0)
    let (optionalLogits, _, cache) = network.forward(input, isTraining: false, using: &noDropout)
    let logits = try #require(optionalLogits)
    var gradients = network.zeroedCopy()
    let result = network.lossAndGradient(logits: logits, input: input, into: &gradients)
    var dLogits = result.dLogits
    dLogits.scale(by: Float(result.count))
    for entry in gradients.parameterPaths where entry.name.hasPrefix("crf.") {
      gradients[keyPath: entry.path].scale(by: Float(result.count))
    }
    network.backward(dLogits, cache: cache, into: &gradients)
    #expect(gradients.parameterPaths.map(\.name).contains("features.0.table"))
    #expect(gradients.parameterPaths.map(\.name).contains("crf.transitions"))
    expectGradientsMatch(network, gradients: gradients, maxElementsPerParameter: 10) { candidate in
      var rng = SplitMix64(seed: 0)
      var unused = candidate.zeroedCopy()
      guard let logits = candidate.forward(input, isTraining: false, using: &rng).logits else {
        return .nan
      }
      return candidate.lossAndGradient(logits: logits, input: input, into: &unused).loss
    }
  }

  @Test func fiveSentencesReachFullTrainingAccuracyWithACRFAndFeatures() throws {
    let model = try Self.train(Self.options(decoder: .crf, features: true), epochs: 40)
    let predicted = model.tagInBatches(Self.sentences.map(\.input))
    #expect(predicted == Self.sentences.map(\.tags))
    #expect(model.decoder == .crf)
    #expect(model.defaultDecoding.method == .viterbi)
    let temperature = try #require(model.decodingDefaults.temperature)
    #expect(temperature > 0)
  }

  @Test func saveAndLoadKeepTheCRFTheFeaturesAndTheDecodingChoices() throws {
    var model = try Self.train(Self.options(decoder: .crf, features: true), epochs: 2)
    model.decodingDefaults = DecodingDefaults(constraint: SpanConstraint.none, temperature: 1.5)
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("crf.tagger").path
    try ModelFile.save(model, to: path)
    let loaded = try ModelFile.load(from: path)
    #expect(loaded == model)
    let inputs = Self.sentences.map(\.input) + [TaggerInput(words: ["new"], features: [["Z"]])]
    let decoding = try loaded.decoding(method: .beam(width: 2))
    #expect(
      loaded.predict(inputs, decoding: decoding, topK: 3)
        == model.predict(inputs, decoding: decoding, topK: 3))
  }

  @Test func aCRFOverOneTagWorksTrivially() throws {
    let data = [
      TaggedSentence(words: ["a", "b"], tags: ["X", "X"]),
      TaggedSentence(words: ["c"], tags: ["X"]),
    ]
    var options = Self.options(decoder: .crf, features: false)
    options.maxEpochs = 2
    var trainer = Trainer(training: data, dev: data, options: options, tagLayer: .name("upos"))
    let model = try #require(
      try trainer.train(
        onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in }))
    let predictions = model.predict([["a", "b", "zz"]], topK: 3)
    #expect(predictions[0].map(\.tag) == ["X", "X", "X"])
    for prediction in predictions[0] { expectClose(prediction.probability, 1) }
  }

  @Test func crfMarginalsAreProbabilitiesAndTheTopTagsAreRanked() throws {
    let model = try Self.train(Self.options(decoder: .crf, features: true), epochs: 3)
    let decoding = try model.decoding(temperature: 2)
    let predictions = model.predict(Self.sentences.map(\.input), decoding: decoding, topK: 6)
    for word in predictions.joined() {
      expectClose(word.alternatives.reduce(0) { $0 + $1.probability }, 1, relative: 1e-4)
      #expect(zip(word.alternatives, word.alternatives.dropFirst()).allSatisfy { $0.1 >= $1.1 })
    }
  }
}
