import Foundation
import Synchronization
import Testing

@testable import Tagger
@testable import TaggerServer

/// The batcher alone, with a fake tagging function: each request gets its own answer in its own
/// order, concurrent requests share batches, a full queue refuses at once, and stop drains.
@Suite struct TaggingBatcherTests {
  /// Tags every word with itself uppercased, labels a sentence with its first word lowercased
  /// (`topK` alternatives each), and counts the batches it was called with.
  final class FakeTagger: Sendable {
    let batches = Mutex<[[[String]]]>([])

    func tag(_ inputs: [TaggerInput], topK: Int) -> [SentencePrediction] {
      let sentences = inputs.map(\.words)
      batches.withLock { $0.append(sentences) }
      return sentences.map { words in
        let tags = words.map { word in
          let alternatives = (0..<topK).map {
            (tag: word.uppercased() + "\($0)", probability: Float(1) / Float($0 + 1))
          }
          return TagPrediction(
            tag: word.uppercased(), probability: 1, alternatives: alternatives)
        }
        let label = words.first.map { word in
          LabelPrediction(
            label: word.lowercased(), probability: 1,
            alternatives: (0..<topK).map { (label: "l\($0)", probability: 1) })
        }
        return SentencePrediction(tags: tags, label: label)
      }
    }
  }

  @Test(arguments: [1, 2, 3])
  func concurrentRequestsShareBatchesAndGetTheirOwnAnswers(workers: Int) async throws {
    let fake = FakeTagger()
    let batcher = TaggingBatcher(
      window: .milliseconds(50), maxBatchTokens: 10_000, maxQueuedRequests: 100, workers: workers,
      tagging: { fake.tag($0, topK: $1) })
    defer { batcher.stop() }
    let answers = try await withThrowingTaskGroup(of: (Int, [SentencePrediction]).self) { group in
      for request in 0..<40 {
        group.addTask {
          let sentences = (0...(request % 3)).map { s in (0...s).map { "w\(request)_\(s)_\($0)" } }
          return (request, try await batcher.tag(sentences, topK: 1 + request % 4))
        }
      }
      var answers: [Int: [SentencePrediction]] = [:]
      for try await (request, answer) in group { answers[request] = answer }
      return answers
    }
    for request in 0..<40 {
      let answer = try #require(answers[request])
      #expect(answer.count == 1 + request % 3)
      for (s, sentence) in answer.enumerated() {
        #expect(sentence.tags.map(\.tag) == (0...s).map { "W\(request)_\(s)_\($0)" })
        #expect(sentence.tags.allSatisfy { $0.alternatives.count == 1 + request % 4 })
        #expect(sentence.label?.label == "w\(request)_\(s)_0")
        #expect(sentence.label?.alternatives.count == 1 + request % 4)
      }
    }
    let batches = fake.batches.withLock { $0 }
    #expect(batches.count < 40, "40 requests within 50 ms should share batches")
    let tagged: Int = batches.reduce(0) { $0 + $1.count }
    let sent: Int = (0..<40).reduce(0) { $0 + 1 + $1 % 3 }
    #expect(tagged == sent)
  }

  @Test func aFullQueueRefusesAtOnceAndStopAnswersTheQueued() async throws {
    let gate = DispatchSemaphore(value: 0)
    let entered = Mutex(0)
    let fake = FakeTagger()
    let batcher = TaggingBatcher(
      window: .zero, maxBatchTokens: 1, maxQueuedRequests: 2,
      tagging: { sentences, topK in
        entered.withLock { $0 += 1 }
        gate.wait()
        return fake.tag(sentences, topK: topK)
      })
    // The first request is taken by the worker, which blocks in the tagger; two more fill the
    // queue (one token per batch keeps them apart).
    async let first = batcher.tag([["a"]], topK: 1)
    while entered.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
    async let second = batcher.tag([["b"]], topK: 1)
    async let third = batcher.tag([["c"]], topK: 1)
    while batcher.queuedRequestCount < 2 { try await Task.sleep(for: .milliseconds(1)) }
    await #expect(throws: BatcherError.queueFull) { try await batcher.tag([["d"]], topK: 1) }
    for _ in 0..<3 { gate.signal() }
    #expect(try await first.map { $0.tags.map(\.tag) } == [["A"]])
    #expect(try await second.map { $0.tags.map(\.tag) } == [["B"]])
    #expect(try await third.map { $0.tags.map(\.tag) } == [["C"]])
    batcher.stop()
    await #expect(throws: BatcherError.stopped) { try await batcher.tag([["e"]], topK: 1) }
  }

  @Test func sentencesWithoutWordsAreAnsweredWithoutTheTagger() async throws {
    let fake = FakeTagger()
    let batcher = TaggingBatcher(
      window: .zero, maxBatchTokens: 10, maxQueuedRequests: 1, tagging: { fake.tag($0, topK: $1) })
    defer { batcher.stop() }
    #expect(try await batcher.tag([[], []], topK: 1).count == 2)
    #expect(fake.batches.withLock { $0.isEmpty })
  }

  /// Once as many requests wait as the last batch held, the window closes at once: a lone
  /// client sending one request after another is not kept waiting for it (here from the first
  /// request on, which by default waits the window once). The window is a minute; each batch's
  /// queue wait is measured on the batcher's own thread, so a test machine whose cooperative
  /// threads are busy with other tests (which once stretched the whole loop to 168 s) cannot
  /// make a closed window look open.
  @Test func asManyRequestsAsTheLastBatchCloseTheWindowEarly() async throws {
    let fake = FakeTagger()
    let reports = Mutex<[BatchReport]>([])
    let batcher = TaggingBatcher(
      window: .seconds(60), maxBatchTokens: 10_000, maxQueuedRequests: 100,
      tagging: { fake.tag($0, topK: $1) },
      onBatch: { report in reports.withLock { $0.append(report) } },
      firstBatchRequestCount: 1)
    defer { batcher.stop() }
    for request in 0..<4 { _ = try await batcher.tag([["r\(request)"]], topK: 1) }
    let waits = reports.withLock { $0.map(\.queueWait) }
    #expect(waits.count == 4)
    #expect(waits.allSatisfy { $0 < .seconds(30) }, "\(waits)")
    #expect(fake.batches.withLock { $0 }.count == 4)
  }

  /// With two workers, two batches are tagged at the same time: the first request's batch
  /// blocks in the tagger until a second batch has entered it too (which one worker never lets
  /// happen), and each request still gets its own answer. The first batch, taken while the other
  /// worker was idle, goes to `taggingAlone`; the second, taken while the first is tagged, to
  /// `tagging`.
  @Test func twoWorkersTagTwoBatchesAtOnce() async throws {
    let fake = FakeTagger()
    let inside = Mutex(0)
    let mostInside = Mutex(0)
    let taggers = Mutex<[String]>([])
    let blockingTagger = { (name: String) -> TaggingBatcher.Tagging in
      { sentences, topK in
        taggers.withLock { $0.append(name) }
        let now = inside.withLock { count in
          count += 1
          return count
        }
        mostInside.withLock { $0 = max($0, now) }
        let deadline = ContinuousClock.now + .seconds(20)
        while mostInside.withLock({ $0 }) < 2, ContinuousClock.now < deadline {
          Thread.sleep(forTimeInterval: 0.001)
        }
        inside.withLock { $0 -= 1 }
        return fake.tag(sentences, topK: topK)
      }
    }
    let batcher = TaggingBatcher(
      window: .zero, maxBatchTokens: 10_000, maxQueuedRequests: 100, workers: 2,
      tagging: blockingTagger("tagging"), taggingAlone: blockingTagger("alone"))
    defer { batcher.stop() }
    async let first = batcher.tag([["a"]], topK: 1)
    while inside.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
    async let second = batcher.tag([["b", "c"]], topK: 1)
    #expect(try await first.map { $0.tags.map(\.tag) } == [["A"]])
    #expect(try await second.map { $0.tags.map(\.tag) } == [["B", "C"]])
    #expect(mostInside.withLock { $0 } == 2, "the second batch waited for the first")
    #expect(taggers.withLock { $0 } == ["alone", "tagging"])
  }
}

extension TaggingBatcher {
  /// `tag` on sentences of words alone (no input columns).
  func tag(_ words: [[String]], topK: Int) async throws -> [SentencePrediction] {
    try await tag(words.map { TaggerInput(words: $0) }, topK: topK)
  }
}
