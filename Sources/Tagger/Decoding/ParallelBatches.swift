import Dispatch
import Synchronization

/// Runs independent batches of work on several threads and returns their results in the
/// batches' order.
///
/// Threads pull the next batch from a shared counter, so a long batch does not hold up the
/// others. Each batch's result depends on the batch alone, so the output is the same whatever
/// the number of threads.
enum ParallelBatches {
  /// `work(batch)` for every batch, on up to `threads` threads.
  ///
  /// - Parameters:
  ///   - batches: the batches, in the order of the results.
  ///   - threads: the most threads to use (1: all on the calling thread).
  ///   - work: computes one batch's result; it must only read shared state.
  static func map<Batch: Sendable, Result: Sendable>(
    _ batches: [Batch], threads: Int, _ work: (Batch) -> Result
  ) -> [Result] {
    let workers = min(max(threads, 1), batches.count)
    guard workers > 1 else { return batches.map(work) }
    return withoutActuallyEscaping(work) { work in
      let slots = BatchSlots(batches, work: work)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in slots.runUntilDone() }
      return slots.results()
    }
  }
}

/// The batches, the work, a counter of the next batch to take, and one result slot per batch;
/// each slot is written by exactly one thread, then read after all threads have finished.
private final class BatchSlots<Batch, Result>: @unchecked Sendable {
  private let batches: [Batch]
  private let work: (Batch) -> Result
  private let next = Atomic<Int>(0)
  private var slots: UnsafeMutableBufferPointer<Result?>

  init(_ batches: [Batch], work: @escaping (Batch) -> Result) {
    self.batches = batches
    self.work = work
    slots = .allocate(capacity: batches.count)
    slots.initialize(repeating: nil)
  }

  /// Takes batches one by one and stores their results until none is left.
  func runUntilDone() {
    while true {
      let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard index < batches.count else { return }
      slots[index] = work(batches[index])
    }
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  func results() -> [Result] {
    slots.map { result in
      guard let result else { preconditionFailure("ParallelBatches: a batch produced no result") }
      return result
    }
  }
}
