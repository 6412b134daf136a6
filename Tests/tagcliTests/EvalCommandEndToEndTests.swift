import Foundation
import Testing

/// Runs the built `tagcli eval` as a process, as a user would.
@Suite struct EvalCommandEndToEndTests {
  static func json(_ arguments: [String]) throws -> [String: Any] {
    let run = try EvaluationFixtures.runTagCLI(["eval", "--json"] + arguments)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let data = Data(run.standardOutput.utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// A file tagged with `tag --input conllu` by an `xpos` model keeps the gold UPOS; scoring
  /// that layer printed 100 % without a word.
  @Test func aPredictedLayerEqualToGoldOnAThousandWordsIsFlagged() throws {
    let sentence = try String(
      contentsOfFile: try CorpusCommandSupport.fixture("train-tiny.conllu"), encoding: .utf8)
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let large = directory.appendingPathComponent("large.conllu").path
      try String(repeating: sentence + "\n", count: 60).write(
        toFile: large, atomically: true, encoding: .utf8)
      let copied = try CorpusCommandSupport.run([
        "eval", large, "--pred", large, "--tag", "upos,xpos",
      ])
      #expect(copied.status == 0, "\(copied.stderr)")
      #expect(
        copied.stderr.contains(
          "warning: the predicted upos equals the gold upos on all 1020 words"),
        "\(copied.stderr)")
      #expect(copied.stderr.contains("the predicted xpos equals the gold xpos on all 1020 words"))
      let small = try CorpusCommandSupport.fixture("train-tiny.conllu")
      let few = try CorpusCommandSupport.run(["eval", small, "--pred", small])
      #expect(few.status == 0 && !few.stderr.contains("warning"), "\(few.stderr)")
    }
  }

  @Test func jsonHasTheDocumentedKeysAndFigures() throws {
    let object = try Self.json([
      try EvaluationFixtures.path("eval-gold.conllu"), "--pred",
      try EvaluationFixtures.path("eval-pred.conllu"), "--train",
      try EvaluationFixtures.path("eval-train.conllu"),
    ])
    expectFigure(object["accuracy"] as? Double, 80)
    expectFigure(object["sentence_accuracy"] as? Double, 50)
    expectFigure(object["seen"] as? Double, 50)
    expectFigure(object["unseen"] as? Double, 100)
    #expect(object["chunks"] == nil)
    let tags = try #require(object["tags"] as? [String: [String: Any]])
    #expect(tags.keys.sorted() == ["DET", "NOUN", "VERB"])
    let verb = try #require(tags["VERB"])
    #expect(verb["support"] as? Int == 2)
    expectFigure(verb["precision"] as? Double, 200.0 / 3)
    expectFigure(verb["recall"] as? Double, 100)
    expectFigure(verb["f1"] as? Double, 80)
  }

  @Test func jsonHasChunkFiguresForBIOTags() throws {
    let object = try Self.json([
      try EvaluationFixtures.path("eval-chunks-gold.conllu"), "--pred",
      try EvaluationFixtures.path("eval-chunks-pred.conllu"),
    ])
    let chunks = try #require(object["chunks"] as? [String: Any])
    #expect(chunks["scheme"] as? String == "iob2")
    expectFigure(chunks["precision"] as? Double, 60)
    expectFigure(chunks["recall"] as? Double, 75)
    expectFigure(chunks["f1"] as? Double, 9000.0 / 135)
  }

  @Test func tableOutputHasNoColoursWhenPiped() throws {
    let run = try EvaluationFixtures.runTagCLI([
      "eval", try EvaluationFixtures.path("eval-gold.conllu"), "--pred",
      try EvaluationFixtures.path("eval-pred.conllu"),
    ])
    #expect(run.status == 0)
    #expect(!run.standardOutput.contains("\u{1B}"))
    #expect(run.standardOutput.contains("accuracy 80.00 %"))
    #expect(run.standardOutput.contains("most frequent confusions"))
  }

  @Test func misalignmentExitsWithACompilerStyleMessage() throws {
    let predicted = try EvaluationFixtures.path("eval-different-word.conllu")
    let run = try EvaluationFixtures.runTagCLI([
      "eval", try EvaluationFixtures.path("eval-gold.conllu"), "--pred", predicted,
    ])
    #expect(run.status == 1)
    #expect(
      run.standardError.contains(
        "Error: \(predicted):6: sentence 2 does not match the gold file: token 2 is \"barks\""))
  }

  @Test func reportFlagWritesASelfContainedPage() throws {
    let directory = try EvaluationFixtures.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("report.html")
    let run = try EvaluationFixtures.runTagCLI([
      "eval", try EvaluationFixtures.path("eval-chunks-gold.conllu"), "--pred",
      try EvaluationFixtures.path("eval-chunks-pred.conllu"), "--report", page.path,
    ])
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<svg") && html.contains("Chunks (iob2"))
    #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
  }
}
