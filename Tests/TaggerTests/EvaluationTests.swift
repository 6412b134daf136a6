import Corpora
import Foundation
import Testing

@testable import Tagger

@Suite struct EvaluationTests {
  /// Three sentences, nine words, two errors (cat NOUN→VERB, ran VERB→NOUN); see each test.
  static func tinyEvaluator(vocabulary: Set<String>? = nil) -> TagEvaluator {
    var evaluator = TagEvaluator(trainingForms: vocabulary)
    evaluator.add(
      gold: ["DET", "NOUN", "VERB"], predicted: ["DET", "VERB", "VERB"],
      words: ["the", "cat", "sat"])
    evaluator.add(
      gold: ["DET", "NOUN", "VERB", "ADV"], predicted: ["DET", "NOUN", "NOUN", "ADV"],
      words: ["a", "dog", "ran", "fast"])
    evaluator.add(gold: ["NOUN", "VERB"], predicted: ["NOUN", "VERB"], words: ["cats", "sat"])
    return evaluator
  }

  @Test func tokenAndSentenceAccuracy() {
    let scores = Self.tinyEvaluator().scores
    #expect(scores.tokens == 9)
    #expect(scores.correctTokens == 7)
    expectFigure(scores.accuracy, 700.0 / 9)
    #expect(scores.sentences == 3)
    #expect(scores.correctSentences == 1)
    expectFigure(scores.sentenceAccuracy, 100.0 / 3)
    expectFigure(Self.tinyEvaluator().accuracy, 700.0 / 9)
  }

  @Test func perTagFigures() throws {
    let tags = Self.tinyEvaluator().scores.tags
    #expect(tags.keys.sorted() == ["ADV", "DET", "NOUN", "VERB"])
    let noun = try #require(tags["NOUN"])
    // NOUN: gold cat, dog, cats; predicted dog, ran, cats; right dog, cats.
    #expect((noun.support, noun.predicted, noun.correct) == (3, 3, 2))
    expectFigure(noun.precision, 200.0 / 3)
    expectFigure(noun.recall, 200.0 / 3)
    expectFigure(noun.f1, 200.0 / 3)
    let determiner = try #require(tags["DET"])
    #expect((determiner.support, determiner.predicted, determiner.correct) == (2, 2, 2))
    expectFigure(determiner.f1, 100)
  }

  @Test func unequalPrecisionAndRecall() throws {
    var evaluator = TagEvaluator()
    evaluator.add(
      gold: ["A", "A", "A", "B"], predicted: ["A", "B", "B", "B"], words: ["w", "x", "y", "z"])
    let scores = evaluator.scores
    let a = try #require(scores.tags["A"])
    let b = try #require(scores.tags["B"])
    // A: support 3, predicted 1, correct 1 → P 100, R 33.3, F1 50.
    expectFigure(a.precision, 100)
    expectFigure(a.recall, 100.0 / 3)
    expectFigure(a.f1, 50)
    // B: support 1, predicted 3, correct 1 → P 33.3, R 100, F1 50.
    expectFigure(b.precision, 100.0 / 3)
    expectFigure(b.recall, 100)
    expectFigure(b.f1, 50)
    expectFigure(scores.macroAverage.precision, (100 + 100.0 / 3) / 2)
    expectFigure(scores.weightedAverage.recall, (3 * 100.0 / 3 + 1 * 100) / 4)
  }

  @Test func aTagOnlyPredictedHasZeroFiguresAndNoSupport() throws {
    var evaluator = TagEvaluator()
    evaluator.add(gold: ["A", "A"], predicted: ["A", "Z"], words: ["x", "y"])
    let z = try #require(evaluator.scores.tags["Z"])
    #expect((z.support, z.predicted, z.correct) == (0, 1, 0))
    #expect(z.precision == 0 && z.recall == 0 && z.f1 == 0)
  }

  @Test func macroAndWeightedAverages() {
    let scores = Self.tinyEvaluator().scores
    // F1: ADV 100, DET 100, NOUN 66.7, VERB 66.7; supports 1, 2, 3, 3.
    expectFigure(scores.macroAverage.f1, (100 + 100 + 200.0 / 3 + 200.0 / 3) / 4)
    expectFigure(scores.weightedAverage.f1, (1 * 100 + 2 * 100 + 3 * 200.0 / 3 + 3 * 200.0 / 3) / 9)
  }

  /// A layer with thousands of tags (lemmas) keeps the 200 most frequent in its confusion matrix
  /// (gold plus predicted words), says how many it left out, and still scores every tag; one of
  /// 200 tags keeps them all and says nothing.
  @Test func aLargeTagSetKeepsItsMostFrequentTagsInTheMatrix() throws {
    var evaluator = TagEvaluator(trainingForms: nil)
    // t0…t249: tag tN appears 250 - N times, always right, except t1 once predicted as t249.
    var gold: [String] = []
    var predicted: [String] = []
    for n in 0..<250 {
      for _ in 0..<(250 - n) {
        gold.append("t\(n)")
        predicted.append("t\(n)")
      }
    }
    predicted[250] = "t249"  // the first t1
    evaluator.add(gold: gold, predicted: predicted, words: gold)
    let scores = evaluator.scores
    let matrix = scores.confusionMatrix
    #expect(matrix.labels.count == 200)
    #expect(matrix.omittedLabels == 50)
    #expect(matrix.labels.contains("t0") && matrix.labels.contains("t199"))
    #expect(!matrix.labels.contains("t200") && !matrix.labels.contains("t249"))
    #expect(matrix[gold: "t1", predicted: "t1"] == 248)
    #expect(matrix[gold: "t0", predicted: "t0"] == 250)
    #expect(scores.tags.count == 250, "every tag keeps its own scores")
    let json = String(decoding: try JSONEncoder().encode(matrix), as: UTF8.self)
    #expect(json.contains("\"omitted_labels\":50"))
    #expect(Self.tinyEvaluator().scores.confusionMatrix.omittedLabels == nil)
    let small = String(
      decoding: try JSONEncoder().encode(Self.tinyEvaluator().scores.confusionMatrix),
      as: UTF8.self)
    #expect(!small.contains("omitted"))
  }

  @Test func confusionMatrixAndTopConfusions() {
    let scores = Self.tinyEvaluator().scores
    #expect(scores.confusionMatrix.labels == ["ADV", "DET", "NOUN", "VERB"])
    #expect(
      scores.confusionMatrix.counts == [[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, 1], [0, 0, 1, 2]])
    #expect(scores.confusionMatrix[gold: "NOUN", predicted: "VERB"] == 1)
    #expect(scores.confusionMatrix[gold: "NOUN", predicted: "PRON"] == 0)
    #expect(
      scores.topConfusions == [
        Confusion(gold: "NOUN", predicted: "VERB", count: 1, examples: ["cat"]),
        Confusion(gold: "VERB", predicted: "NOUN", count: 1, examples: ["ran"]),
      ])
  }

  @Test func confusionsKeepThreeDistinctExamplesAndSortByCount() {
    var evaluator = TagEvaluator()
    evaluator.add(
      gold: ["A", "A", "A", "A", "A", "B"], predicted: ["B", "B", "B", "B", "B", "A"],
      words: ["x", "y", "x", "z", "w", "v"])
    let confusions = evaluator.scores(confusionLimit: 1).topConfusions
    #expect(
      confusions == [Confusion(gold: "A", predicted: "B", count: 5, examples: ["x", "y", "z"])])
  }

  @Test func seenAndUnseenAccuracy() {
    let scores = Self.tinyEvaluator(vocabulary: ["the", "cat", "sat", "a"]).scores
    // Seen: the, cat✗, sat, a, sat → 4 of 5. Unseen: dog, ran✗, fast, cats → 3 of 4.
    #expect(scores.seenTokens == 5)
    #expect(scores.unseenTokens == 4)
    expectFigure(scores.seen, 80)
    expectFigure(scores.unseen, 75)
    let withoutVocabulary = Self.tinyEvaluator().scores
    #expect(withoutVocabulary.seen == nil && withoutVocabulary.unseenTokens == nil)
  }

  @Test func emptyEvaluatorGivesZerosNotNaN() throws {
    let scores = TagEvaluator().scores
    #expect(scores.tokens == 0 && scores.accuracy == 0 && scores.sentenceAccuracy == 0)
    #expect(scores.tags.isEmpty && scores.chunks == nil)
    _ = try JSONEncoder().encode(scores)
  }

  @Test func jsonUsesSnakeCaseKeysAndRoundTrips() throws {
    let scores = Self.tinyEvaluator(vocabulary: ["the"]).scores
    let data = try JSONEncoder().encode(scores)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in ["accuracy", "sentence_accuracy", "tags", "seen", "unseen", "confusion_matrix"] {
      #expect(object[key] != nil, "missing key \(key)")
    }
    let noun = try #require((object["tags"] as? [String: Any])?["NOUN"] as? [String: Any])
    #expect(Set(noun.keys).isSuperset(of: ["support", "precision", "recall", "f1"]))
    #expect(try JSONDecoder().decode(Scores.self, from: data) == scores)
  }

  @Test func tagsBySupportSortsBySupportThenName() {
    let order = Self.tinyEvaluator().scores.tagsBySupport.map(\.tag)
    #expect(order == ["NOUN", "VERB", "DET", "ADV"])
  }

  @Test func sentencesFromFilesAreScoredOnTheirColumns() throws {
    var gold = try CoNLLUReader(path: EvaluationFixtures.path("eval-gold.conllu"))
    var predicted = try CoNLLUReader(path: EvaluationFixtures.path("eval-predicted.conllu"))
    var evaluator = TagEvaluator()
    while let goldSentence = try gold.next() {
      let predictedSentence = try #require(try predicted.next())
      try evaluator.add(
        gold: goldSentence, goldColumn: 3, predicted: predictedSentence, predictedColumn: 3)
    }
    let scores = evaluator.scores
    #expect((scores.tokens, scores.correctTokens, scores.correctSentences) == (5, 4, 1))
    #expect(scores.topConfusions.first?.examples == ["cat"])
  }

  @Test(arguments: [("eval-different-word.conllu", 6), ("eval-missing-token.conllu", 6)])
  func misalignedSentencesThrowAtThePredictedLine(file: String, line: Int) throws {
    let (evaluator, error) = try Self.scoreAgainstGold(file)
    guard case .invalidContent = error.kind else {
      Issue.record("expected .invalidContent, got \(error.kind)")
      return
    }
    #expect(error.line == line)
    #expect(error.file == file)
    #expect(evaluator.scores.sentences == 1, "the misaligned sentence is not added")
  }

  @Test func differentWordMessageNamesSentenceTokenAndWords() throws {
    let (_, error) = try Self.scoreAgainstGold("eval-different-word.conllu")
    #expect(
      error.description
        == "eval-different-word.conllu:6: sentence 2 does not match the gold file: "
        + "token 2 is \"barks\", gold has \"bark\" (gold line 6)")
  }

  @Test func missingTokenMessageNamesBothLengths() throws {
    let (_, error) = try Self.scoreAgainstGold("eval-missing-token.conllu")
    #expect(
      error.message
        == "sentence 2 does not match the gold file (1 words, gold has 2): "
        + "token 2 is end of sentence, gold has \"bark\" (gold line 6)")
  }

  /// Scores `file` against `eval-gold.conllu` until the error it must raise.
  static func scoreAgainstGold(_ file: String) throws -> (TagEvaluator, CorpusError) {
    let gold = try CoNLLUReader(path: EvaluationFixtures.path("eval-gold.conllu"))
      .readAllSentences()
    let predicted = try CoNLLUReader(path: EvaluationFixtures.path(file)).readAllSentences()
    var evaluator = TagEvaluator()
    let error = try #require(throws: CorpusError.self) {
      for (goldSentence, predictedSentence) in zip(gold, predicted) {
        try evaluator.add(
          gold: goldSentence, goldColumn: 3, predicted: predictedSentence, predictedColumn: 3,
          predictedFile: file)
      }
    }
    return (evaluator, error)
  }

  @Test(
    .enabled(
      if: EvaluationFixtures.sharedFile("ud/en_ewt/en_ewt-ud-test.conllu") != nil,
      "../shared/data/ud/en_ewt/en_ewt-ud-test.conllu is missing: test skipped"))
  func scoringEWTTestAgainstItselfIsPerfect() throws {
    let path = try #require(EvaluationFixtures.sharedFile("ud/en_ewt/en_ewt-ud-test.conllu"))
    let sentences = try CoNLLUReader(path: path).readAllSentences()
    var evaluator = TagEvaluator(trainingForms: ["the"])
    for sentence in sentences {
      try evaluator.add(gold: sentence, goldColumn: 3, predicted: sentence, predictedColumn: 3)
    }
    let scores = evaluator.scores
    #expect(scores.tokens == 25_094)
    #expect(scores.accuracy == 100 && scores.sentenceAccuracy == 100)
    #expect(scores.tags.count == 17)
  }
}

extension CoNLLUReader {
  /// All sentences (the reader is a value, so this works on a temporary).
  fileprivate func readAllSentences() throws -> [Sentence] {
    var reader = self
    return try reader.readAll()
  }
}
