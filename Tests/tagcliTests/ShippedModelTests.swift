import Foundation
import Testing

@testable import Corpora
@testable import Tagger

/// The model that ships in `models/`: it loads, tags English, and (opt-in, slow) reproduces the
/// test accuracy its card states.
@Suite struct ShippedModelTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let modelPath = repositoryRoot.appendingPathComponent("models/en_ewt-upos.tagger").path
  static let testFile = repositoryRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/data/ud/en_ewt/en_ewt-ud-test.conllu").path

  @Test func loadsAndTagsEnglish() throws {
    let model = try ModelFile.load(from: Self.modelPath)
    #expect(model.tagSet.count == 17)
    #expect(model.provenance.tagLayer == .name("upos"))
    let words = EnglishTokenizer().tokenize("The children can't find their red ball.")
    #expect(
      model.tags([words])[0] == [
        "DET", "NOUN", "AUX", "PART", "VERB", "PRON", "ADJ", "NOUN", "PUNCT",
      ])
  }

  @Test func isSmallEnoughToShip() throws {
    try Self.expectSmallEnoughToShip(Self.modelPath)
  }

  /// A shipped model stays under 10 MB: larger models are not committed (the style guide's
  /// rule for `models/`); their row in `models/README.md` says how to rebuild them.
  static func expectSmallEnoughToShip(_ path: String) throws {
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
    #expect((size ?? .max) <= 10_000_000, "\(path): \(size ?? -1) bytes")
  }

  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["TAGGER_LONG_TESTS"] != nil, "set TAGGER_LONG_TESTS=1"
    ),
    .enabled(if: FileManager.default.fileExists(atPath: testFile), "../shared/data is missing"))
  func reproducesTheTestAccuracyOnItsCard() throws {
    let card = try String(
      contentsOf: Self.repositoryRoot.appendingPathComponent("models/README.md"), encoding: .utf8)
    let stated = try #require(
      card.firstMatch(of: /EWT test UPOS accuracy: \*\*([0-9.]+) %\*\*/).flatMap { Double($0.1) })
    let model = try ModelFile.load(from: Self.modelPath)
    var reader = try CoNLLUReader(path: Self.testFile)
    let sentences = try reader.readAll()
    let predicted = model.tagInBatches(sentences.map(\.forms))
    var evaluator = TagEvaluator()
    for (sentence, tags) in zip(sentences, predicted) {
      evaluator.add(gold: sentence.values(ofColumn: 3), predicted: tags, words: sentence.forms)
    }
    #expect(
      abs(evaluator.accuracy - stated) < 0.005, "measured \(evaluator.accuracy), card \(stated)")
    #expect(evaluator.accuracy >= 95.5)
  }
}
