/// Where one time step of a padded, time-major batch lives in the `[T·B, ·]` buffers.
///
/// Row `t·B + b` holds step `t` of sequence `b` (see `SequenceBatch`). The cell kernels touch only
/// the sequences of `batchRange` that are still running (`lengths[b] > step`); the other rows stay
/// as they are (zero in the hidden and cell buffers).
struct StepLayout: Sendable {
  /// The time step `t`.
  let step: Int
  /// The step that holds the previous state in run order (`t - 1`, or `t + 1` when reversed); nil
  /// at the first step, where the previous state is zero.
  let previousStep: Int?
  /// `B`, the number of sequences.
  let batchSize: Int
  /// The smallest range of sequence indices holding every sequence still running at `step`.
  let batchRange: Range<Int>

  /// The buffer row of sequence `b` at this step.
  func row(_ b: Int) -> Int { step &* batchSize &+ b }

  /// The buffer row of sequence `b` at the previous step, or nil at the first step.
  func previousRow(_ b: Int) -> Int? { previousStep.map { $0 &* batchSize &+ b } }

  /// The buffer rows of `batchRange` at this step.
  var rows: Range<Int> { row(batchRange.lowerBound)..<row(batchRange.upperBound) }

  /// The buffer rows of `batchRange` at the previous step, or nil at the first step.
  var previousRows: Range<Int>? {
    previousStep.map { step in
      (step &* batchSize &+ batchRange.lowerBound)..<(step &* batchSize &+ batchRange.upperBound)
    }
  }

  /// Whether sequence `b` of `lengths` runs at this step.
  func isActive(_ b: Int, lengths: [Int]) -> Bool { lengths[b] > step }
}
