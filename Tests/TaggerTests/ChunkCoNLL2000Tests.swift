import Foundation
import Testing

@testable import Tagger

/// Scores the CoNLL-2000 test chunks against a perturbed copy and checks the counts against a
/// direct count of exact (start, end, type) matches written independently of `ChunkCounter`.
@Suite struct ChunkCoNLL2000Tests {
  static let testFile = EvaluationFixtures.sharedFile("conll/conll2000/test.txt")

  /// One chunk: sentence, first and last word, type.
  struct Span: Hashable {
    var sentence: Int
    var start: Int
    var end: Int
    var type: String
  }

  /// The chunks of IOB2/IOB1 tags, read in the plainest way: a chunk starts at `B-X`, or at
  /// `I-X` when the open chunk is not of type X (or none is open), and runs over the `I-X` after it.
  static func spans(_ sentences: [[String]]) -> Set<Span> {
    var result: Set<Span> = []
    for (number, tags) in sentences.enumerated() {
      var open: Span? = nil
      for (index, tag) in tags.enumerated() {
        let parts = tag.split(separator: "-", maxSplits: 1).map(String.init)
        let continues = parts.count == 2 && parts[0] == "I" && open?.type == parts[1]
        if continues {
          open?.end = index
          continue
        }
        if let finished = open { result.insert(finished) }
        open =
          parts.count == 2 ? Span(sentence: number, start: index, end: index, type: parts[1]) : nil
      }
      if let finished = open { result.insert(finished) }
    }
    return result
  }

  /// A copy with about 4 % of B-/I- swapped, 3 % of chunk types changed, 1 % of O made I-NP.
  static func perturbed(_ sentences: [[String]], seed: UInt64) -> [[String]] {
    var generator = SplitMix64(seed: seed)
    let types = ["NP", "VP", "PP", "ADJP", "ADVP"]
    return sentences.map { tags in
      tags.map { tag in
        let roll = generator.next() % 100
        if tag == "O" { return roll == 0 ? "I-NP" : tag }
        let prefix = tag.prefix(1)
        let type = String(tag.dropFirst(2))
        if roll < 4 { return (prefix == "B" ? "I-" : "B-") + type }
        if roll < 7 {
          let other = types[Int(generator.next() % UInt64(types.count))]
          return prefix + "-" + (other == type ? "SBAR" : other)
        }
        return tag
      }
    }
  }

  static func score(gold: [[String]], predicted: [[String]]) throws -> ChunkScores {
    var evaluator = TagEvaluator()
    for (goldTags, predictedTags) in zip(gold, predicted) {
      evaluator.add(gold: goldTags, predicted: predictedTags, words: goldTags)
    }
    return try #require(evaluator.scores.chunks)
  }

  @Test(
    .enabled(if: testFile != nil, "../shared/data/conll/conll2000/test.txt is missing: skipped"))
  func perturbedCopyMatchesADirectCountOfExactMatches() throws {
    let path = try #require(Self.testFile)
    let gold = try EvaluationFixtures.readChunkColumn(path: path).map(\.chunks)
    #expect(gold.count == 2_012)
    let predicted = Self.perturbed(gold, seed: 2_000)
    #expect(gold != predicted)
    let goldSpans = Self.spans(gold)
    let predictedSpans = Self.spans(predicted)
    let correctSpans = goldSpans.intersection(predictedSpans)
    let scores = try Self.score(gold: gold, predicted: predicted)
    #expect(scores.scheme == .iob2)
    #expect(scores.goldChunks == goldSpans.count)
    #expect(scores.predictedChunks == predictedSpans.count)
    #expect(scores.correctChunks == correctSpans.count)
    #expect(scores.correctChunks < scores.goldChunks)
    for type in Set(goldSpans.map(\.type)) {
      let counts = try #require(scores.types[type])
      #expect(counts.support == goldSpans.filter { $0.type == type }.count, "\(type)")
      #expect(counts.correct == correctSpans.filter { $0.type == type }.count, "\(type)")
    }
  }

  @Test(
    .enabled(if: testFile != nil, "../shared/data/conll/conll2000/test.txt is missing: skipped"))
  func goldAgainstItselfScoresOneHundred() throws {
    let path = try #require(Self.testFile)
    let gold = try EvaluationFixtures.readChunkColumn(path: path).map(\.chunks)
    let scores = try Self.score(gold: gold, predicted: gold)
    // conlleval on this file: "processed 47377 tokens with 23852 phrases".
    #expect(scores.goldChunks == 23_852)
    #expect(scores.correctChunks == 23_852)
    #expect(
      String(format: "%.2f %.2f %.2f", scores.precision, scores.recall, scores.f1)
        == "100.00 100.00 100.00")
    #expect(scores.tokenAccuracy == 100)
    #expect(scores.types.count == 10, "the test file has no UCP chunk")
  }
}
