import Foundation
import Tagger
import Testing

@testable import tagcli

/// The seen/unseen split of `train` and `eval`: exact training forms from the model or from
/// `--train`, the vocabulary fallback for model files without forms, and the rule in every report.
///
/// `seen-train.conllu` has "the" (never "The") and "cat", "sleeps" and "a" once; with
/// `--min-word-count 2` the vocabulary keeps the, dog, runs and ".". `seen-gold.conllu` is
/// "The cat sleeps ." and "the dog runs .": by exact forms 7 seen and 1 unseen ("The"); by the
/// vocabulary 6 seen and 2 unseen ("cat", "sleeps").
@Suite(.serialized) struct UnseenRuleTests {
  static let network = [
    "--layers", "1", "--hidden", "8", "--word-dim", "8", "--char-dim", "4", "--char-hidden", "4",
    "--dropout", "0", "--word-dropout", "0", "--min-word-count", "2", "--seed", "7",
    "--tag", "upos", "--epochs", "2",
  ]

  /// Trains a tiny model on `seen-train.conllu` with `seen-gold.conllu` as dev, in `directory`;
  /// returns its path and the JSON dev report that `train --json` printed.
  static func trainedModel(in directory: URL) throws -> (path: String, devReport: [String: Any]) {
    let path = directory.appendingPathComponent("seen.tagger").path
    let run = try CorpusCommandSupport.run(
      [
        "train", try CorpusCommandSupport.fixture("seen-train.conllu"), "--dev",
        try CorpusCommandSupport.fixture("seen-gold.conllu"), "-o", path, "--json",
      ] + network)
    #expect(run.status == 0, "\(run.stderr)")
    let jsonLine = try #require(run.stdout.split(separator: "\n").last { $0.hasPrefix("{") })
    let report = try JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [String: Any]
    return (path, try #require(report))
  }

  /// `eval seen-gold.conllu` with `arguments`, in process.
  static func scores(_ arguments: [String]) throws -> Scores {
    let gold = try CorpusCommandSupport.fixture("seen-gold.conllu")
    return try #require(try EvalCommandTests.parse([gold] + arguments).evaluateFiles().scores)
  }

  @Test func trainAndEvalCountExactFormsAsOtherTaggersDo() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let (model, devReport) = try Self.trainedModel(in: directory)
      #expect(devReport["seen_tokens"] as? Int == 7 && devReport["unseen_tokens"] as? Int == 1)
      #expect(devReport["unseen_rule"] as? String == "exact-form")

      let fromModel = try Self.scores(["-m", model])
      #expect(fromModel.seenTokens == 7 && fromModel.unseenTokens == 1)
      #expect(fromModel.unseenRule == .exactForm)
      let training = try CorpusCommandSupport.fixture("seen-train.conllu")
      let fromFile = try Self.scores(["-m", model, "--train", training])
      #expect(fromFile.seenTokens == 7 && fromFile.unseenTokens == 1)
      #expect(fromFile.seen == fromModel.seen && fromFile.unseen == fromModel.unseen)
      #expect(fromFile.unseenRule == .exactForm)
    }
  }

  @Test func aModelFileWithoutFormsFallsBackToItsVocabularyAndSaysSo() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      var model = try ModelFile.load(from: try Self.trainedModel(in: directory).path)
      model.trainingForms = nil
      let oldPath = directory.appendingPathComponent("old.tagger").path
      try ModelFile.save(model, to: oldPath)

      let scores = try Self.scores(["-m", oldPath])
      #expect(scores.seenTokens == 6 && scores.unseenTokens == 2)
      #expect(scores.unseenRule == .modelVocabulary)
      let run = try CorpusCommandSupport.run([
        "eval", try CorpusCommandSupport.fixture("seen-gold.conllu"), "-m", oldPath,
      ])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("(unseen: not in the model's word vocabulary"), "\(run.stdout)")
      #expect(run.stdout.contains("stores no training forms"))
    }
  }

  @Test func theShippedModelStillEvaluatesWithTheFallback() throws {
    let scores = try Self.scores(["-m", ShippedModelTests.modelPath])
    #expect(scores.unseenRule == .modelVocabulary)
    // Counted against the vocabulary (words seen twice in EWT train, lowercased): the common
    // words of the fixture are in it.
    #expect((scores.seenTokens ?? 0) + (scores.unseenTokens ?? 0) == 8)
    #expect((scores.seenTokens ?? 0) >= 6, "seen \(scores.seenTokens ?? 0) of 8")
  }

  @Test func reportsNameTheRule() throws {
    var evaluator = TagEvaluator(seenWords: .exactForms(["the"]))
    evaluator.add(gold: ["DET", "NOUN"], predicted: ["DET", "NOUN"], words: ["The", "dog"])
    let scores = evaluator.scores
    let heading = ReportText.Heading(
      gold: "g", goldLayer: "upos", predicted: "p", predictedLayer: "upos")
    let text = ReportText.render(scores, heading: heading, isColored: false)
    #expect(
      text.contains(
        "unseen     2 tokens, accuracy 100.00 %\n"
          + "           (unseen: the exact form never occurs in the training data)\n"))
    let html = ReportHTML.page(scores: scores, title: "t")
    #expect(html.contains("<p>unseen: the exact form never occurs in the training data</p>"))
    let json = try EvaluationJSON.text(tags: scores, labels: nil)
    #expect(json.contains("\"unseen_rule\":\"exact-form\""), "\(json)")
  }
}
