import Corpora
import Foundation
import Testing

@testable import Tagger

/// The tag layer is a `LayerSelector` in the model and its file, saved as the string older files
/// hold, so those files (the shipped model among them) still decode.
@Suite struct ModelFileLayerTests {
  @Test func headerKeepsTheStringFormAndLoadsTheSelector() throws {
    var model = try TaggerSamples.trainedModel(epochs: 1)
    model.provenance.tagLayer = .column(3)
    model.heads = .tagger(layer: .name("xpos"))
    let file = try SafeTensors(bytes: ModelFile.serialize(model, path: "m"), path: "m")
    #expect(file.metadata["provenance"]?.contains("\"tagLayer\":\"3\"") == true)
    #expect(file.metadata["heads"] == #"{"tags":{"layer":"xpos"}}"#)
    let decoded = try ModelFile.decode(file, path: "m").model
    #expect(decoded.provenance.tagLayer == .column(3))
    #expect(decoded.heads.tags?.layer == .name("xpos"))
  }

  @Test func anOldHeaderWithStringLayersDecodes() throws {
    let provenance = #"""
      {"log":[],"seed":7,"tagLayer":"UPOS","trainingChecksum":"abc","trainingSentences":2,"trainingTokens":5}
      """#
    let decoded = try JSONDecoder().decode(
      TaggerModel.Provenance.self, from: Data(provenance.utf8))
    #expect(decoded.tagLayer == .name("upos"))
    let heads = #"{"label":{"key":"class","lossWeight":1,"pooling":"last"},"tags":{"layer":"2"}}"#
    let decodedHeads = try JSONDecoder().decode(ModelHeads.self, from: Data(heads.utf8))
    #expect(decodedHeads.tags?.layer == .column(2))
    let defaultLayer = try JSONDecoder().decode(
      TaggerModel.Provenance.self,
      from: Data(provenance.replacingOccurrences(of: "UPOS", with: "default").utf8))
    #expect(defaultLayer.tagLayer == .default)
  }

  /// A label head whose training settings are out of range (a hand-edited file) is refused on
  /// load, before a resumed run could stop on them.
  @Test(arguments: [
    ("\"smoothing\":0.2", "\"smoothing\":1.5", "smoothing 1.5 is not in [0, 1)"),
    ("\"lossWeight\":1", "\"lossWeight\":-1", "loss weight -1.0 is not positive"),
  ])
  func aLabelHeadOutOfRangeIsRefused(original: String, edit: String, message: String) throws {
    let sentences = SentenceLabelTrainingTests.firstWordTask(count: 8, seed: 4)
    var trainer = Trainer(
      training: sentences, dev: sentences, options: SentenceLabelTrainingTests.options(epochs: 1),
      tagLayer: .name("pos"),
      heads: ModelHeads(tags: nil, label: .init(key: "label", smoothing: 0.2)))
    let model = try #require(
      try trainer.train(
        onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in }))
    #expect(model.heads.label?.smoothing == 0.2)
    try Self.expectRefusal(
      of: model, editing: "heads", from: original, to: edit, message: message)
  }

  /// The configuration's training values (tag smoothing, character dropout) out of range in a
  /// hand-edited file are refused on load, as its sizes are.
  @Test(arguments: [
    ("\"tagSmoothing\":0.1", "\"tagSmoothing\":1.5", "tag smoothing 1.5 must be in [0, 1)"),
    ("\"characterDropout\":0.1", "\"characterDropout\":-1", "character dropout -1.0 must be in"),
  ])
  func aTrainingValueOutOfRangeIsRefused(original: String, edit: String, message: String) throws {
    var model = try TaggerSamples.trainedModel(epochs: 1)
    model.configuration.tagSmoothing = 0.1
    model.configuration.characterDropout = 0.1
    try Self.expectRefusal(
      of: model, editing: "configuration", from: original, to: edit, message: message)
  }

  /// Saves `model`, checks that it loads, replaces `original` by `edit` in the header's `key`
  /// (re-sealing the file, as a hand edit with a fixed checksum would), and expects loading to
  /// throw a `ModelFileError` containing `message`.
  private static func expectRefusal(
    of model: TaggerModel, editing key: String, from original: String, to edit: String,
    message: String
  ) throws {
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("edited.tagger").path
    try ModelFile.save(model, to: path)
    #expect(throws: Never.self) { _ = try ModelFile.load(from: path) }
    var file = try ModelFile.readFile(SafeTensors.self, path: path)
    let value = try #require(file.metadata[key])
    #expect(value.contains(original), "\(value)")
    file.metadata[key] = value.replacingOccurrences(of: original, with: edit)
    try Data(ModelFile.sealed(try file.serialized())).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    #expect(error.description.contains(message), "\(error)")
  }
}
