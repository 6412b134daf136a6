import Testing

@testable import Tagger

@Suite struct ChunkCounterTests {
  /// Chunk figures of one sentence, scored in `scheme` (detected when nil).
  static func chunks(
    gold: [String], predicted: [String], scheme: ChunkScheme? = nil
  ) throws -> ChunkScores {
    var evaluator = TagEvaluator(chunkScheme: scheme)
    evaluator.add(gold: gold, predicted: predicted, words: gold.indices.map { "w\($0)" })
    return try #require(evaluator.scores.chunks)
  }

  /// (gold, predicted, correct) chunk counts.
  static func counts(_ scores: ChunkScores) -> [Int] {
    [scores.goldChunks, scores.predictedChunks, scores.correctChunks]
  }

  @Test func iAfterOOpensAChunk() throws {
    let scores = try Self.chunks(gold: ["B-NP", "I-NP", "O"], predicted: ["I-NP", "I-NP", "O"])
    #expect(Self.counts(scores) == [1, 1, 1])
    expectFigure(scores.f1, 100)
    expectFigure(scores.tokenAccuracy, 200.0 / 3)
  }

  @Test func iAfterOInsideAGoldChunkStartsTooLate() throws {
    let scores = try Self.chunks(gold: ["O", "B-NP", "I-NP"], predicted: ["O", "O", "I-NP"])
    #expect(Self.counts(scores) == [1, 1, 0])
    #expect(scores.precision == 0 && scores.recall == 0 && scores.f1 == 0)
  }

  @Test func typeChangeInsideARunStartsANewChunk() throws {
    let matching = try Self.chunks(
      gold: ["B-NP", "B-VP", "I-VP"], predicted: ["B-NP", "I-VP", "I-VP"])
    #expect(Self.counts(matching) == [2, 2, 2])
    let split = try Self.chunks(
      gold: ["B-NP", "I-NP", "I-NP"], predicted: ["B-NP", "I-VP", "I-NP"])
    #expect(Self.counts(split) == [1, 3, 0])
  }

  @Test func adjacentChunksOfTheSameTypeInIOB1() throws {
    let gold = ["I-NP", "I-NP", "B-NP", "I-NP", "O"]
    let merged = try Self.chunks(gold: gold, predicted: ["I-NP", "I-NP", "I-NP", "I-NP", "O"])
    #expect(merged.scheme == .iob1)
    #expect(Self.counts(merged) == [2, 1, 0])
    let same = try Self.chunks(gold: gold, predicted: gold)
    #expect(Self.counts(same) == [2, 2, 2])
  }

  @Test func iobesEndFollowedByBeginOrInside() throws {
    let gold = ["B-NP", "E-NP", "B-NP", "E-NP"]
    let merged = try Self.chunks(gold: gold, predicted: ["B-NP", "I-NP", "I-NP", "E-NP"])
    #expect(merged.scheme == .iobes)
    #expect(Self.counts(merged) == [2, 1, 0])
    // After E an I- (or E-) opens a new chunk, so this reads as the gold chunks.
    let reopened = try Self.chunks(gold: gold, predicted: ["B-NP", "E-NP", "I-NP", "E-NP"])
    #expect(Self.counts(reopened) == [2, 2, 2])
  }

  @Test func singleWordChunks() throws {
    let scores = try Self.chunks(
      gold: ["S-PER", "S-PER", "O", "B-LOC", "E-LOC"],
      predicted: ["B-PER", "E-PER", "O", "S-LOC", "S-LOC"])
    #expect(Self.counts(scores) == [3, 3, 0])
    #expect(scores.types["PER"].map { [$0.support, $0.predicted, $0.correct] } == [2, 1, 0])
    #expect(scores.types["LOC"].map { [$0.support, $0.predicted, $0.correct] } == [1, 2, 0])
    let endAfterSingle = try Self.chunks(gold: ["S-X", "E-X"], predicted: ["S-X", "S-X"])
    #expect(Self.counts(endAfterSingle) == [2, 2, 2])
  }

  @Test func perTypeFigures() throws {
    let scores = try Self.chunks(
      gold: ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"],
      predicted: ["B-PER", "I-PER", "O", "B-ORG", "O", "B-ORG"])
    #expect(scores.scheme == .iob2)
    #expect(Self.counts(scores) == [3, 3, 2])
    expectFigure(scores.precision, 200.0 / 3)
    expectFigure(scores.recall, 200.0 / 3)
    expectFigure(scores.f1, 200.0 / 3)
    expectFigure(scores.tokenAccuracy, 500.0 / 6)
    let organisation = try #require(scores.types["ORG"])
    expectFigure(organisation.precision, 50)
    expectFigure(organisation.recall, 100)
    expectFigure(organisation.f1, 200.0 / 3)
    let location = try #require(scores.types["LOC"])
    #expect((location.support, location.predicted, location.f1) == (1, 0, 0))
  }

  @Test func aSentenceBoundaryEndsEveryChunk() throws {
    var evaluator = TagEvaluator()
    evaluator.add(gold: ["B-NP", "I-NP"], predicted: ["B-NP", "I-NP"], words: ["a", "b"])
    evaluator.add(gold: ["B-NP"], predicted: ["I-NP"], words: ["c"])
    let scores = try #require(evaluator.scores.chunks)
    #expect(Self.counts(scores) == [2, 2, 2])
  }

  @Test func wrongEndIsNotCorrectEvenWithRightStartAndType() throws {
    let scores = try Self.chunks(
      gold: ["B-NP", "I-NP", "I-NP", "O"], predicted: ["B-NP", "I-NP", "O", "O"])
    #expect(Self.counts(scores) == [1, 1, 0])
  }

  @Test(arguments: [
    (["B-NP", "I-NP", "O"], ChunkScheme.iob2),
    (["I-NP", "B-NP", "O", "I-VP"], .iob1),
    (["S-NP", "O"], .iobes),
    (["B-NP", "E-NP"], .iobes),
  ])
  func detectsTheSchemeFromGoldTags(gold: [String], scheme: ChunkScheme) throws {
    #expect(try Self.chunks(gold: gold, predicted: gold).scheme == scheme)
  }

  @Test(arguments: [["NOUN", "VERB"], ["O", "O"], ["B-NP", "NOUN"], ["-LRB-", "O"]])
  func tagsThatAreNotChunkLabelsAreNotScoredAsChunks(gold: [String]) {
    var evaluator = TagEvaluator()
    evaluator.add(gold: gold, predicted: gold, words: gold)
    #expect(evaluator.scores.chunks == nil)
    #expect(evaluator.effectiveChunkScheme == nil)
  }

  @Test func forcedSchemeScoresAndDisabledScoringDoesNot() throws {
    let forced = try Self.chunks(
      gold: ["B-NP", "NOUN"], predicted: ["B-NP", "NOUN"], scheme: .iob2)
    #expect(forced.scheme == .iob2)
    #expect(Self.counts(forced) == [1, 1, 1])
    var disabled = TagEvaluator(scoresChunks: false)
    disabled.add(gold: ["B-NP"], predicted: ["B-NP"], words: ["a"])
    #expect(disabled.scores.chunks == nil)
  }

  @Test func labelsSplitAtTheFirstHyphen() {
    #expect(ChunkLabel("B-NP") == ChunkLabel(prefix: .begin, type: "NP"))
    #expect(ChunkLabel("I-B-X") == ChunkLabel(prefix: .inside, type: "B-X"))
    #expect(ChunkLabel("O") == .outside)
    #expect(ChunkLabel("NOUN").prefix == .plain)
    #expect(ChunkLabel("B-").prefix == .plain)
  }
}
