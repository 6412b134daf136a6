import Dispatch

/// Runs the two directions of a bidirectional layer, one per core when asked.
///
/// Each direction's work is the same single-threaded computation in both modes, with OpenBLAS
/// held to one thread in the concurrent mode, so results are bit-identical whatever the mode.
enum DirectionPair {
  /// `work(false)` (forward direction) and `work(true)` (backward direction), concurrently when
  /// `concurrently`; `work` must only read shared state, or write to distinct storage.
  static func run<Result>(concurrently: Bool, _ work: (_ isReversed: Bool) -> Result) -> (
    forward: Result, backward: Result
  ) {
    guard concurrently else { return (work(false), work(true)) }
    Matrix.setBLASThreads(1)
    return withoutActuallyEscaping(work) { work in
      let slots = ResultSlots(work)
      DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 {
          slots.forward = slots.work(false)
        } else {
          slots.backward = slots.work(true)
        }
      }
      guard let forward = slots.forward, let backward = slots.backward else {
        preconditionFailure("DirectionPair: a direction produced no result")
      }
      return (forward, backward)
    }
  }
}

/// The work and one result slot per direction; the two threads write different stored properties.
private final class ResultSlots<Result>: @unchecked Sendable {
  let work: (_ isReversed: Bool) -> Result
  var forward: Result?
  var backward: Result?

  init(_ work: @escaping (_ isReversed: Bool) -> Result) {
    self.work = work
  }
}

/// The gradient accumulators of both directions of one layer, moved out of the stack's gradient
/// value while the two directions write them on two threads (distinct stored properties, so the
/// dynamic exclusivity checks see no overlap).
final class DirectionGradients: @unchecked Sendable {
  var forward: RecurrentLayer
  var backward: RecurrentLayer

  init(_ layer: BidirectionalLayer) {
    forward = layer.forward
    backward = layer.backward
  }

  /// Exchanges the accumulators with `layer`'s (in, then out again after the work).
  func swapContents(with layer: inout BidirectionalLayer) {
    swap(&forward, &layer.forward)
    swap(&backward, &layer.backward)
  }
}
