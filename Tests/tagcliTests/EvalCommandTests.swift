import ArgumentParser
import Corpora
import Foundation
import Tagger
import Testing

@testable import tagcli

/// In-process tests: argument validation and `evaluateFiles()` on fixtures.
@Suite struct EvalCommandTests {
  /// Parses `eval` with `arguments`.
  static func parse(_ arguments: [String]) throws -> EvalCommand {
    let command = try TagCLI.parseAsRoot(["eval"] + arguments)
    return try #require(command as? EvalCommand)
  }

  /// Parses and scores `gold` against `predicted` (fixture names) with extra arguments.
  static func outcome(
    _ gold: String, _ predicted: String, _ extra: [String] = []
  ) throws -> EvalCommand.Outcome {
    let arguments = [
      try EvaluationFixtures.path(gold), "--pred", try EvaluationFixtures.path(predicted),
    ]
    return try parse(arguments + extra).evaluateFiles()
  }

  @Test(arguments: [
    (["gold.conllu"], "give either the predicted file (--pred PRED) or a model (-m MODEL)"),
    (
      ["gold.conllu", "--pred", "p.conllu", "--scheme", "bio"],
      "'bio' is invalid for '--scheme <scheme>'"
    ),
    (
      ["gold.conllu", "--pred", "p.conllu", "--pred-format", "nope"],
      "'--pred-format <pred-format>'"
    ),
    (["gold.conllu", "--pred", "p.conllu", "--format", "nope"], "'--format <format>'"),
    (["gold.conllu", "--pred", "p.conllu", "--confusions=-1"], "--confusions must be 0 or more"),
    (["gold.conllu", "--pred", "p.conllu", "-m", "m.tagger"], "give either the predicted file"),
    (
      ["gold.conllu", "-m", "m.tagger", "--pred-tag", "xpos"],
      "--pred-format and --pred-tag go with --pred"
    ),
  ])
  func rejectsBadFlags(arguments: [String], message: String) {
    do {
      _ = try TagCLI.parseAsRoot(["eval"] + arguments)
      Issue.record("parsed \(arguments)")
    } catch {
      #expect(TagCLI.message(for: error).contains(message), "\(TagCLI.message(for: error))")
      #expect(TagCLI.exitCode(for: error) == .validationFailure)
    }
  }

  @Test func parsesEveryOption() throws {
    let command = try Self.parse([
      "g.conllu", "--pred", "p.conllu", "--pred-format", "conllu", "--pred-tag", "xpos",
      "--tag", "upos", "--scheme", "iobes", "--train", "t.conllu", "--json", "--report", "r.html",
      "--confusions", "3",
    ])
    #expect(command.gold == "g.conllu" && command.pred == "p.conllu")
    #expect(command.predTag == .name("xpos") && command.corpus.layers == [.name("upos")])
    #expect(command.forcedScheme == .iobes)
    #expect(command.json && command.report == "r.html" && command.confusions == 3)
    #expect(try Self.parse(["g", "--pred", "p", "--scheme", "none"]).forcedScheme == nil)
  }

  @Test func scoresTwoFiles() throws {
    let outcome = try Self.outcome("eval-gold.conllu", "eval-pred.conllu")
    let scores = try #require(outcome.scores)
    #expect(
      (scores.tokens, scores.correctTokens, scores.sentences, scores.correctSentences) == (
        5, 4, 2, 1
      ))
    expectFigure(scores.accuracy, 80)
    #expect(scores.chunks == nil)
    #expect(outcome.heading.goldLayer == "upos" && outcome.heading.predictedLayer == "upos")
  }

  @Test func splitsSeenAndUnseenWordsWithATrainingFile() throws {
    let training = try EvaluationFixtures.path("eval-train.conllu")
    let scores = try #require(
      try Self.outcome("eval-gold.conllu", "eval-pred.conllu", ["--train", training]).scores)
    // Seen: The, cat (wrong) → 50 %; unseen: sat, Dogs, bark → 100 %.
    #expect(scores.seenTokens == 2 && scores.unseenTokens == 3)
    expectFigure(scores.seen, 50)
    expectFigure(scores.unseen, 100)
  }

  @Test func scoresChunksInATagColumnOfBIOLabels() throws {
    let chunks = try #require(
      try Self.outcome("eval-chunks-gold.conllu", "eval-chunks-pred.conllu").scores?.chunks)
    // Gold NP VP PP NP; predicted NP NP VP PP NP; right VP, PP and the last NP.
    #expect(chunks.scheme == .iob2)
    #expect([chunks.goldChunks, chunks.predictedChunks, chunks.correctChunks] == [Int]([4, 5, 3]))
    expectFigure(chunks.precision, 60)
    expectFigure(chunks.recall, 75)
    expectFigure(chunks.f1, 2 * 60 * 75 / 135.0)
    expectFigure(chunks.tokenAccuracy, 500.0 / 7)
  }

  @Test func schemeNoneSkipsChunksAndAForcedSchemeIsUsed() throws {
    let none = try Self.outcome(
      "eval-chunks-gold.conllu", "eval-chunks-pred.conllu", ["--scheme", "none"])
    #expect(none.scores != nil && none.scores?.chunks == nil)
    let forced = try Self.outcome(
      "eval-chunks-gold.conllu", "eval-chunks-pred.conllu", ["--scheme", "iob1"])
    #expect(forced.scores?.chunks?.scheme == .iob1)
    #expect(forced.scores?.chunks?.correctChunks == 3)
  }

  @Test func aShorterPredictedFileIsAnError() throws {
    let error = try #require(throws: CorpusError.self) {
      _ = try Self.outcome("eval-gold.conllu", "eval-fewer-sentences.conllu")
    }
    #expect(error.file.hasSuffix("eval-fewer-sentences.conllu"))
    #expect(error.line == nil)
    #expect(
      error.message.hasPrefix("ends after 1 sentences, but the gold file has more (sentence 2 at "))
    #expect(error.message.hasSuffix("eval-gold.conllu:6)"))
  }

  @Test func aLongerPredictedFileIsAnErrorAtItsExtraSentence() throws {
    let error = try #require(throws: CorpusError.self) {
      _ = try Self.outcome("eval-gold.conllu", "eval-more-sentences.conllu")
    }
    #expect(error.line == 10)
    #expect(error.message == "has more sentences than the gold file (2); sentence 3 starts here")
  }

  @Test func aDifferentWordIsAnErrorAtThePredictedLine() throws {
    let error = try #require(throws: CorpusError.self) {
      _ = try Self.outcome("eval-gold.conllu", "eval-different-word.conllu")
    }
    #expect(error.file.hasSuffix("eval-different-word.conllu"))
    #expect(error.line == 6)
    #expect(error.message.contains("token 2 is \"barks\", gold has \"bark\""))
  }

  @Test func aMissingTagLayerIsAnError() throws {
    let error = try #require(throws: CorpusError.self) {
      _ = try Self.outcome("eval-gold.conllu", "eval-pred.conllu", ["--pred-tag", "chunk"])
    }
    #expect(error.kind == .missingTagLayer(.name("chunk")))
    #expect(error.file.hasSuffix("eval-pred.conllu") && error.line == 1)
  }

  @Test func theTextReportHasAlignedColumnsAndNoColourOffATerminal() throws {
    let outcome = try Self.outcome("eval-gold.conllu", "eval-pred.conllu")
    let text = ReportText.render(
      try #require(outcome.scores), heading: outcome.heading, isColored: false)
    #expect(!text.contains("\u{1B}"))
    let lines = text.split(separator: "\n").map(String.init)
    let header = try #require(lines.firstIndex { $0.hasPrefix("tag ") })
    // Sorted by support: NOUN 2, VERB 2 (NOUN first by name), DET 1.
    #expect(lines[header + 1].hasPrefix("NOUN") && lines[header + 3].hasPrefix("DET"))
    let widths = Set(lines[header...(header + 3)].map(\.count))
    #expect(widths.count == 1, "right-aligned rows end in the same column: \(widths)")
    #expect(text.contains("NOUN  VERB           1  \"cat\""))
    let colored = ReportText.render(
      try #require(outcome.scores), heading: outcome.heading, isColored: true)
    #expect(colored.contains("\u{1B}[1m"))
  }
}
