import Foundation
import Testing

@testable import Tagger

/// FEATS predicted one feature at a time: bundles split into per-feature values and joined back
/// in UD order; a model trained so predicts bundles and survives a save and a load.
@Suite struct FeatureSplitTests {
  @Test func bundlesSplitAndJoinInUDOrder() {
    let split = FeatureSplit(bundles: [
      "Number=Sing|Person=3", "_", "PronType=Int,Rel|Case=Nom", "Number[psor]=Plur|abbr=Yes",
    ])
    #expect(split.keys == ["abbr", "Case", "Number", "Number[psor]", "Person", "PronType"])
    #expect(split.values(of: "PronType=Int,Rel|Case=Nom") == ["_", "Nom", "_", "_", "_", "Int,Rel"])
    #expect(split.values(of: "_") == Array(repeating: "_", count: 6))
    // Out-of-order input comes back in UD order; a bundle of no feature is "_".
    #expect(split.bundle(of: split.values(of: "Person=3|Number=Sing")) == "Number=Sing|Person=3")
    #expect(split.bundle(of: split.values(of: "_")) == "_")
    // A feature training never saw is dropped (the model cannot predict it).
    #expect(split.values(of: "Mood=Ind|Person=1") == ["_", "_", "_", "_", "1", "_"])
  }

  @Test func layersExpandIntoOutputsAndBack() {
    let heads = ModelHeads(
      tags: .init(layer: .name("upos")), label: nil,
      additionalTags: [
        .init(layer: .name("feats"), featureKeys: ["Case", "Number", "Person"]),
        .init(layer: .name("xpos")),
      ])
    #expect(heads.additionalOutputCount == 4)
    #expect(
      heads.outputTags([["Case=Nom|Person=3", "_"], ["NN", "VB"]])
        == [["Nom", "_"], ["_", "_"], ["3", "_"], ["NN", "VB"]])
    #expect(heads.layerTags(fromOutputs: ["Nom", "_", "3", "NN"]) == ["Case=Nom|Person=3", "NN"])
  }

  @Test func aSplitFeatsLayerIsLearnedPredictedAndSaved() throws {
    let rows: [[(String, String, String)]] = [
      [("the", "DET", "Definite=Def"), ("dogs", "NOUN", "Number=Plur"), ("run", "VERB", "Tense=Pres")],
      [("a", "DET", "Definite=Ind"), ("dog", "NOUN", "Number=Sing"), ("runs", "VERB", "Number=Sing|Tense=Pres")],
      [("the", "DET", "Definite=Def"), ("cat", "NOUN", "Number=Sing"), ("ran", "VERB", "Tense=Past")],
      [("cats", "NOUN", "Number=Plur"), ("sleep", "VERB", "Tense=Pres"), ("!", "PUNCT", "_")],
    ]
    let sentences = rows.map { words in
      var sentence = TaggedSentence(words: words.map(\.0), tags: words.map(\.1))
      sentence.layerTags = [words.map(\.2)]
      return sentence
    }
    var options = TaggerSamples.tinyOptions()
    options.maxEpochs = 60
    let heads = ModelHeads(
      tags: .init(layer: .name("upos")), label: nil,
      additionalTags: [.init(layer: .name("feats"), featureKeys: [])])
    var trainer = Trainer(
      training: sentences, dev: sentences, options: options, tagLayer: .name("upos"), heads: heads)
    let model = try #require(
      try trainer.train(
        onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in }))
    #expect(model.heads.additionalTags?[0].featureKeys == ["Definite", "Number", "Tense"])
    #expect(model.layerTagSets.count == 3 && model.network.layerClassifiers.count == 3)
    #expect(model.layerTagSets[2].tags.sorted() == ["Past", "Pres", "_"])
    let predicted = model.tagLayersInBatches(sentences.map(\.input))
    #expect(predicted.map { $0[1] } == sentences.map { $0.layerTags[0] })

    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("split.tagger").path
    try ModelFile.save(model, to: path)
    let loaded = try ModelFile.load(from: path)
    #expect(loaded == model)
    #expect(loaded.tagLayersInBatches(sentences.map(\.input)) == predicted)
  }
}
