import Foundation
import Testing

@testable import Tagger

/// Tagging batches on several threads returns what one thread returns, in the input's order.
@Suite struct ParallelTaggingTests {
  @Test(arguments: [1, 2, 3, 8])
  func batchesComeBackInTheirOrder(threads: Int) {
    let batches = Array(0..<37)
    let results = ParallelBatches.map(batches, threads: threads) { batch in
      // Uneven work, so threads finish batches out of order.
      let checksum = (0..<((batch * 7919) % 13) * 200).reduce(batch) { ($0 &* 31) &+ $1 }
      return checksum == Int.min ? -1 : batch
    }
    #expect(results == batches)
  }

  @Test func noBatchesGiveNoResults() {
    #expect(ParallelBatches.map([Int](), threads: 4) { $0 }.isEmpty)
  }

  /// Many sentences of mixed lengths (several batches, one longer than the window), with
  /// probabilities and alternatives: every thread count gives the same predictions, bit for bit.
  @Test func taggingIsTheSameOnAnyNumberOfThreads() throws {
    let model = try TaggerSamples.trainedModel(epochs: 3)
    let words: [String] = TaggerSamples.sentences.flatMap { $0.words }
    var sentences: [[String]] = []
    for index in 0..<150 {
      let start = index % 7
      let end = min(words.count, start + 1 + index % 13)
      sentences.append(Array(words[start..<end]))
    }
    sentences.append(Array([[String]](repeating: words, count: 5).joined()))
    sentences.append([])
    let inputs = sentences.map { TaggerInput(words: $0) }
    let one = model.singleThreaded.predictInWindows(
      inputs, maxLength: 40, topK: 3, sentencesPerBatch: 8, threads: 1)
    for threads in [2, 3, 5] {
      let many = model.predictInWindows(
        inputs, maxLength: 40, topK: 3, sentencesPerBatch: 8, threads: threads)
      #expect(many == one, "\(threads) threads")
    }
    #expect(one.map { $0.count } == sentences.map { $0.count })
  }
}
