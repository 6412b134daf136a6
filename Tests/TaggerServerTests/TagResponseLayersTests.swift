import Corpora
import Testing

@testable import Tagger
@testable import TaggerServer

/// A several-layer model's answers: JSON gives each word a member per layer, CoNLL-U fills the
/// layers' columns, as `tagcli tag` does.
@Suite struct TagResponseLayersTests {
  static let writer = TagResponseWriter(
    modelName: "morph", tagLayer: .name("upos"), showsProbabilities: false, topK: 0,
    additionalLayers: [.name("xpos"), .name("feats")])
  static let predictions = [
    SentencePrediction(
      tags: [
        TagPrediction(
          tag: "NOUN", probability: 0.9, alternatives: [], layerTags: ["NNS", "Number=Plur"]),
        TagPrediction(tag: "VERB", probability: 0.8, alternatives: [], layerTags: ["VBP", "_"]),
      ], label: nil)
  ]

  @Test func jsonNamesEveryLayer() throws {
    let body = try Self.writer.body(
      for: .words([["dogs", "run"]]), predictions: Self.predictions, format: .json)
    #expect(
      body.contains(
        "{\"word\":\"dogs\",\"tag\":\"NOUN\",\"xpos\":\"NNS\",\"feats\":\"Number=Plur\"}"),
      "\(body)")
  }

  @Test func conlluFillsEveryLayer() throws {
    let body = try Self.writer.body(
      for: .words([["dogs", "run"]]), predictions: Self.predictions, format: .conllu)
    #expect(body.contains("1\tdogs\t_\tNOUN\tNNS\tNumber=Plur\t_\t_\t_\t_\n"), "\(body)")
    #expect(body.contains("2\trun\t_\tVERB\tVBP\t_\t_\t_\t_\t_\n"), "\(body)")
  }

  /// A CoNLL-U body for a model of a layer CoNLL-U has no column for (`ne`) keeps it in MISC, as
  /// `tag --input conllu` does, instead of answering 400 "no tag layer".
  @Test func conlluKeepsALayerItHasNoColumnForInMISC() throws {
    let writer = TagResponseWriter(
      modelName: "ner", tagLayer: .name("ne"), showsProbabilities: false, topK: 0,
      additionalLayers: [])
    var reader = CoNLLUReader(
      text: "1\tAnna\tAnna\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No\n\n", name: "body")
    let sentences = try reader.readAll()
    let predictions = [
      SentencePrediction(
        tags: [TagPrediction(tag: "B-PER", probability: 1, alternatives: [])], label: nil)
    ]
    let body = try writer.body(for: .conllu(sentences), predictions: predictions, format: .conllu)
    #expect(body == "1\tAnna\tAnna\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No|ne=B-PER\n\n")
  }
}
