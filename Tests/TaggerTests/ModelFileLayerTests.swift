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
}
