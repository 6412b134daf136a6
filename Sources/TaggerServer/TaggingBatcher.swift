import Foundation
import Tagger

/// Why the batcher did not take a request.
enum BatcherError: Error, Equatable {
  /// The queue holds its maximum number of requests.
  case queueFull
  /// The batcher is stopping and takes no new requests.
  case stopped
}

/// What one batch held, reported after it was tagged (for `/metrics`).
struct BatchReport: Sendable {
  /// Requests answered by the batch.
  var requestCount: Int
  /// Sentences tagged.
  var sentenceCount: Int
  /// Tokens tagged.
  var tokenCount: Int
  /// Time spent tagging.
  var duration: Duration
  /// How long the batch's oldest request waited in the queue before the batch was taken (the
  /// batching window, or less when it closed early), measured on the worker thread.
  var queueWait: Duration = .zero
}

/// Tags the sentences of concurrent requests together: micro-batching.
///
/// Requests wait in a bounded FIFO queue. A worker thread (never a NIO event loop, never a
/// thread of Swift's cooperative pool) takes every request waiting, up to `maxBatchTokens`
/// tokens, tags all their sentences with one call of the tagging function (which sorts them by
/// length), and hands each request back its own sentences in its own order. When the worker was
/// idle it first waits `window` after the oldest request arrived, so that requests arriving
/// together share a batch, but no longer once as many requests wait as the last batch held (the
/// clients of a steady load are all back, and a lone client is kept waiting once at most); requests
/// that arrive while a batch is being tagged are taken as soon as it is done. Predictions (tags,
/// and the label of a model with a label head) carry the largest `topK` of the batch, cut to
/// each request's own.
///
/// With several workers, requests that arrive while one worker tags are taken by another, so
/// batches are tagged side by side, one per thread, as `tagcli tag` runs its batches. A batch
/// taken while no other worker is tagging goes to `taggingAlone` when there is one (a tagger
/// that may use more threads: then a lone client is answered as fast as with one worker).
///
/// Thread safety: every stored `var` is read and written only with `condition` locked.
final class TaggingBatcher: @unchecked Sendable {
  /// Runs the model's heads on sentences (words, and the input columns of a model that reads
  /// them; in any order and of any lengths) with `topK` alternatives per word and per label:
  /// one prediction per sentence.
  typealias Tagging = @Sendable (_ sentences: [TaggerInput], _ topK: Int) -> [SentencePrediction]

  private struct Job {
    let sentences: [TaggerInput]
    let tokenCount: Int
    let topK: Int
    let arrival: ContinuousClock.Instant
    let completion: Completion
  }

  /// Receives one request's predictions (on the batcher's thread), or why it was not taken (on
  /// the caller's thread, before `submit` returns).
  typealias Completion = @Sendable (Result<[SentencePrediction], BatcherError>) -> Void

  let window: Duration
  let maxBatchTokens: Int
  let maxQueuedRequests: Int
  private let tagging: Tagging
  private let taggingAlone: Tagging?
  private let onBatch: @Sendable (BatchReport) -> Void
  private let condition = NSCondition()
  private var queue: [Job] = []
  private var queuedTokens = 0
  private var isStopping = false
  /// Worker threads still running (`stop()` waits for none).
  private var runningWorkers: Int
  /// Workers tagging a batch.
  private var taggingWorkers = 0
  /// The requests of the last batch: the window closes early once as many are waiting. Before
  /// the first batch it is `firstBatchRequestCount` (by default none: the first batch waits the
  /// whole window, so requests arriving together share it).
  private var lastBatchRequestCount: Int

  /// Creates a batcher and starts its `workers` worker threads, which call `tagging` at the same
  /// time (so it must be safe to call from several threads at once when `workers` > 1), or
  /// `taggingAlone`, when given, for a batch taken while no other worker is tagging.
  init(
    window: Duration, maxBatchTokens: Int, maxQueuedRequests: Int, workers: Int = 1,
    tagging: @escaping Tagging, taggingAlone: Tagging? = nil,
    onBatch: @escaping @Sendable (BatchReport) -> Void = { _ in },
    firstBatchRequestCount: Int = .max
  ) {
    lastBatchRequestCount = firstBatchRequestCount
    precondition(
      maxBatchTokens > 0 && maxQueuedRequests > 0 && workers > 0,
      "TaggingBatcher: limits and workers must be > 0")
    self.window = window
    self.maxBatchTokens = maxBatchTokens
    self.maxQueuedRequests = maxQueuedRequests
    self.tagging = tagging
    self.taggingAlone = taggingAlone
    self.onBatch = onBatch
    runningWorkers = workers
    for index in 0..<workers {
      let thread = Thread { [self] in runWorker() }
      thread.name = workers == 1 ? "tagging-batcher" : "tagging-batcher-\(index + 1)"
      thread.start()
    }
  }

  /// The number of requests waiting (not yet taken into a batch).
  var queuedRequestCount: Int {
    condition.lock()
    defer { condition.unlock() }
    return queue.count
  }

  /// Tags one request's sentences with the others waiting and returns its predictions, one per
  /// sentence in the request's order.
  ///
  /// - Throws: `BatcherError.queueFull` at once when the queue is full; `.stopped` after `stop()`.
  func tag(_ sentences: [TaggerInput], topK: Int) async throws -> [SentencePrediction] {
    try await withCheckedThrowingContinuation { continuation in
      submit(sentences, topK: topK) { continuation.resume(with: $0) }
    }
  }

  /// Queues one request's sentences and calls `completion` with its predictions, one per
  /// sentence in the request's order, once its batch is tagged: on the batcher's thread, so the
  /// completion should hand the answer on (to an event loop, say) rather than write it there.
  /// A request that is not taken (queue full, stopping) and one without tokens complete at once,
  /// on the calling thread.
  func submit(_ sentences: [TaggerInput], topK: Int, completion: @escaping Completion) {
    let tokenCount = sentences.reduce(0) { $0 + $1.words.count }
    if tokenCount == 0 {
      return completion(.success(sentences.map { _ in SentencePrediction(tags: [], label: nil) }))
    }
    condition.lock()
    let refusal: BatcherError?
    if isStopping {
      refusal = .stopped
    } else if queue.count >= maxQueuedRequests {
      refusal = .queueFull
    } else {
      refusal = nil
      queue.append(
        Job(
          sentences: sentences, tokenCount: tokenCount, topK: max(topK, 1),
          arrival: .now, completion: completion))
      queuedTokens += tokenCount
      condition.signal()
    }
    condition.unlock()
    if let refusal { completion(.failure(refusal)) }
  }

  /// Takes no new requests, answers those waiting, then ends the worker threads; returns when
  /// they have ended.
  func stop() {
    condition.lock()
    isStopping = true
    condition.broadcast()
    while runningWorkers > 0 { condition.wait() }
    condition.unlock()
  }

  private func runWorker() {
    while let (jobs, queueWait, alone) = nextBatch() {
      let start = ContinuousClock.now
      let sentences = jobs.flatMap(\.sentences)
      let predictions = (alone ? taggingAlone ?? tagging : tagging)(
        sentences, jobs.map(\.topK).max() ?? 1)
      let duration = ContinuousClock.now - start
      condition.lock()
      taggingWorkers -= 1
      condition.unlock()
      var offset = 0
      for job in jobs {
        let own = predictions[offset..<offset + job.sentences.count].map {
          Self.cut($0, to: job.topK)
        }
        offset += job.sentences.count
        job.completion(.success(own))
      }
      onBatch(
        BatchReport(
          requestCount: jobs.count, sentenceCount: sentences.count,
          tokenCount: jobs.reduce(0) { $0 + $1.tokenCount }, duration: duration,
          queueWait: queueWait))
    }
    condition.lock()
    runningWorkers -= 1
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for requests and the batching window, then takes a batch with the time its oldest
  /// request waited and whether no other worker is tagging; nil when stopping with nothing left
  /// to do.
  private func nextBatch() -> (jobs: [Job], queueWait: Duration, alone: Bool)? {
    condition.lock()
    defer { condition.unlock() }
    // Another worker may take the queue while this one waits for the window: wait again then.
    while true {
      while queue.isEmpty {
        if isStopping { return nil }
        condition.wait()
      }
      while let first = queue.first, queuedTokens < maxBatchTokens,
        queue.count < lastBatchRequestCount, !isStopping,
        ContinuousClock.now < first.arrival + window
      {
        let remaining = (first.arrival + window - ContinuousClock.now).nanosecondsCount
        _ = condition.wait(until: Date(timeIntervalSinceNow: Double(remaining) / 1e9))
      }
      if !queue.isEmpty { break }
    }
    var taken = 0
    var tokens = 0
    while taken < queue.count, taken == 0 || tokens + queue[taken].tokenCount <= maxBatchTokens {
      tokens += queue[taken].tokenCount
      taken += 1
    }
    let jobs = Array(queue[..<taken])
    let queueWait = ContinuousClock.now - queue[0].arrival
    queue.removeFirst(taken)
    lastBatchRequestCount = taken
    queuedTokens -= tokens
    // What the token limit left is for another worker.
    if !queue.isEmpty { condition.signal() }
    let alone = taggingWorkers == 0
    taggingWorkers += 1
    return (jobs, queueWait, alone)
  }

  /// A sentence's prediction with at most `topK` alternatives per word and for its label.
  private static func cut(_ prediction: SentencePrediction, to topK: Int) -> SentencePrediction {
    let tagsAreCut = topK >= (prediction.tags.first?.alternatives.count ?? 0)
    let labelIsCut = topK >= (prediction.label?.alternatives.count ?? 0)
    if tagsAreCut && labelIsCut { return prediction }
    var cut = prediction
    if !tagsAreCut {
      cut.tags = prediction.tags.map { tag in
        var tag = tag
        tag.alternatives = Array(tag.alternatives.prefix(topK))
        return tag
      }
    }
    if !labelIsCut, var label = prediction.label {
      label.alternatives = Array(label.alternatives.prefix(topK))
      cut.label = label
    }
    return cut
  }
}

extension Duration {
  /// The duration in whole nanoseconds (saturating far beyond any timeout used here).
  var nanosecondsCount: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
