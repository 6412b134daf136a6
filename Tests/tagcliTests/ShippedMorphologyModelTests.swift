import Foundation
import Testing

@testable import Corpora
@testable import Tagger

/// The shipped model of every column (`models/en_ewt-ud.tagger`): it loads, fills UPOS, XPOS,
/// FEATS and LEMMA, and (opt-in, slow) reproduces the test figures its card states.
@Suite struct ShippedMorphologyModelTests {
  static let modelPath = ShippedModelTests.repositoryRoot.appendingPathComponent(
    "models/en_ewt-ud.tagger"
  ).path

  @Test func loadsAndFillsEveryColumn() throws {
    let model = try ModelFile.load(from: Self.modelPath)
    #expect(model.heads.outputLayers.map(\.description) == ["upos", "xpos", "feats", "lemma"])
    let words = EnglishTokenizer().tokenize("The children can't find their red balls.")
    let layers = model.tagLayersInBatches([TaggerInput(words: words)])[0]
    #expect(layers[0] == ["DET", "NOUN", "AUX", "PART", "VERB", "PRON", "ADJ", "NOUN", "PUNCT"])
    #expect(layers[1] == ["DT", "NNS", "MD", "RB", "VB", "PRP$", "JJ", "NNS", "."])
    #expect(layers[2][1] == "Number=Plur")
    #expect(layers[3] == ["the", "child", "can", "not", "find", "their", "red", "ball", "."])
  }

  @Test func isSmallEnoughToShip() throws {
    try ShippedModelTests.expectSmallEnoughToShip(Self.modelPath)
  }

  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["TAGGER_LONG_TESTS"] != nil, "set TAGGER_LONG_TESTS=1"
    ),
    .enabled(
      if: FileManager.default.fileExists(atPath: ShippedModelTests.testFile),
      "../shared/data is missing"))
  func reproducesTheTestFiguresOnItsCard() throws {
    let card = try String(
      contentsOf: ShippedModelTests.repositoryRoot.appendingPathComponent("models/README.md"),
      encoding: .utf8)
    let stated = try #require(
      card.firstMatch(of: /EWT test, en_ewt-ud\.tagger: UPOS \*\*([0-9.]+) %\*\*, XPOS \*\*([0-9.]+) %\*\*, FEATS \*\*([0-9.]+) %\*\*, LEMMA \*\*([0-9.]+) %\*\*/)
    ).output
    let model = try ModelFile.load(from: Self.modelPath)
    var reader = try CoNLLUReader(path: ShippedModelTests.testFile)
    let sentences = try reader.readAll()
    let predicted = model.tagLayersInBatches(sentences.map { TaggerInput(words: $0.forms) })
    var evaluator = LayeredTagEvaluator(layerNames: ["upos", "xpos", "feats", "lemma"]) {
      TagEvaluator()
    }
    for (sentence, layers) in zip(sentences, predicted) {
      evaluator.add(
        gold: [3, 4, 5, 2].map { sentence.values(ofColumn: $0) }, predicted: layers,
        words: sentence.forms)
    }
    let measured = evaluator.scores().layers.map(\.accuracy)
    for (value, text) in zip(measured, [stated.1, stated.2, stated.3, stated.4]) {
      let card = try #require(Double(text))
      #expect(abs(value - card) < 0.005, "measured \(measured), card \(stated)")
    }
  }
}
