import Foundation
import Testing

@testable import Tagger

/// The lemma layer's second training stage: the encoder-decoder is trained after the tagger,
/// saved in the same model file, and answers the words the dictionary does not know.
@Suite struct LemmaDecoderTrainingTests {
  /// Sentences with lemmas: plural nouns and third-person verbs that drop their `s`.
  static let sentences: [TaggedSentence] = {
    let rows: [[(String, String, String)]] = [
      [("the", "DET", "the"), ("dogs", "NOUN", "dog"), ("runs", "VERB", "run")],
      [("a", "DET", "a"), ("cat", "NOUN", "cat"), ("sleeps", "VERB", "sleep")],
      [("the", "DET", "the"), ("cats", "NOUN", "cat"), ("walks", "VERB", "walk")],
      [("a", "DET", "a"), ("bird", "NOUN", "bird"), ("sings", "VERB", "sing")],
      [("the", "DET", "the"), ("birds", "NOUN", "bird"), ("eats", "VERB", "eat")],
    ]
    return rows.map { words in
      var sentence = TaggedSentence(words: words.map(\.0), tags: words.map(\.1))
      sentence.lemmas = words.map(\.2)
      return sentence
    }
  }()

  static func trainedModel(lemmaEpochs: Int?) throws -> TaggerModel {
    var options = TaggerSamples.tinyOptions()
    options.maxEpochs = 5
    options.lemmaDecoderEpochs = lemmaEpochs
    let heads = ModelHeads(
      tags: .init(layer: .name("upos")), label: nil, lemma: .init(layer: .name("lemma")))
    var trainer = Trainer(
      training: sentences, dev: sentences, options: options, tagLayer: .name("upos"), heads: heads)
    var epochs: [LemmaDecoderEpoch] = []
    let model = try trainer.train(
      onEvent: { if case .lemmaDecoderEpoch(let epoch) = $0 { epochs.append(epoch) } },
      shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
    #expect(epochs.count == (lemmaEpochs ?? 0), "one event per lemma epoch")
    return try #require(model)
  }

  @Test func theDecoderIsTrainedSavedAndLoadedWithTheModel() throws {
    let model = try Self.trainedModel(lemmaEpochs: 150)
    let head = try #require(model.lemmaDecoder)
    #expect(head.network.tagCount == model.tagSet.count)
    #expect(head.network.contextSize == 2 * model.network.stack.hiddenSize)
    #expect(head.characterIDs(of: "dogs") != nil && head.characterIDs(of: "dögs") == nil)
    #expect(head.characterIDs(of: String(repeating: "dogs", count: 17)) == nil, "68 characters")

    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("lemma.tagger").path
    try ModelFile.save(model, to: path)
    let loaded = try ModelFile.load(from: path)
    #expect(loaded == model, "the in-memory model is what a save and a load give back")

    // Unknown words go to the decoder (every word of this batch), and the answers survive the
    // round trip bit for bit, greedy and by beam.
    let inputs = [TaggerInput(words: ["the", "bats", "sits"]), TaggerInput(words: ["eatss"])]
    for beam in [1, 3] {
      let decoding = try model.decoding(lemmaBeam: beam)
      let before = model.predict(inputs, decoding: decoding).map { $0.map(\.allLayerTags) }
      let after = loaded.predict(inputs, decoding: decoding).map { $0.map(\.allLayerTags) }
      #expect(before == after)
    }
    let ids = ["DET", "NOUN", "VERB"].map { model.tagSet.id(of: $0)! }
    let sources = model.lemmas(
      inputs, paths: [ids, [ids[2]]], layerTags: [[[], [], []], [[]]],
      contexts: model.wordContexts(inputs)
    ).map { $0.map(\.source) }
    #expect(sources == [[.dictionary, .decoder, .decoder], [.decoder]], "\(sources)")
    // It learned its training words, and `predict` says which rule answered each word.
    let words = LemmaWords(
      characters: ["dogs", "sleeps"].map { head.characterIDs(of: $0)! }, tags: [ids[1], ids[2]],
      contexts: model.wordContexts([TaggerInput(words: ["dogs", "sleeps"])]))
    #expect(head.network.lemmas(of: words).map { $0.map(head.text) } == ["dog", "sleep"])
    let predicted = model.predict(
      [TaggerInput(words: ["the", "bats"])], decoding: model.defaultDecoding)[0]
    #expect(predicted[0].lemmaSource == .dictionary)
    #expect([.decoder, .copy].contains(predicted[1].lemmaSource), "\(predicted[1])")
  }

  @Test func zeroLemmaEpochsKeepTheSuffixRules() throws {
    let model = try Self.trainedModel(lemmaEpochs: 0)
    #expect(model.lemmaDecoder == nil)
    let inputs = [TaggerInput(words: ["the", "frogs"])]
    let lemmas = model.lemmas(
      inputs, paths: [[model.tagSet.id(of: "DET")!, model.tagSet.id(of: "NOUN")!]],
      layerTags: [[[], []]], contexts: model.wordContexts(inputs))
    #expect(lemmas[0][1].source == .rule && lemmas[0][1].lemma == "frog")
  }

  @Test func parameterCountMatchesTheNetwork() {
    var configuration = LemmaDecoderConfiguration()
    configuration.embeddingSize = 5
    configuration.encoderSize = 6
    configuration.decoderSize = 7
    configuration.tagEmbeddingSize = 3
    var rng = SplitMix64(seed: 1)
    let network = LemmaEncoderDecoder(
      configuration: configuration, characterCount: 11, tagCount: 4, contextSize: 9, using: &rng)
    #expect(
      LemmaEncoderDecoder.parameterCount(
        configuration, characterCount: 11, tagCount: 4, contextSize: 9)
        == network.namedParameters.reduce(0) { $0 + $1.value.count })
  }

  @Test(arguments: [
    ("\"decoderSize\":4096", "asks for"),
    ("\"tagCount\":99", "does not fit the model"),
    ("\"decoderSize\":0", "does not fit the model"),
  ])
  func aCorruptedDecoderHeaderIsRefused(edit: String, message: String) throws {
    let model = try Self.trainedModel(lemmaEpochs: 1)
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("lemma.tagger").path
    try ModelFile.save(model, to: path)
    var file = try ModelFile.readFile(SafeTensors.self, path: path)
    let key = ModelFile.lemmaDecoderKey
    let original = try #require(file.metadata[key])
    let field = String(edit.prefix { $0 != ":" })
    let edited = try #require(
      original.range(of: field + ":[0-9]+", options: .regularExpression).map {
        original.replacingCharacters(in: $0, with: edit)
      })
    file.metadata[key] = edited
    let bytes = ModelFile.sealed(try file.serialized())
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    #expect(error.description.contains(message), "\(error)")
  }
}
