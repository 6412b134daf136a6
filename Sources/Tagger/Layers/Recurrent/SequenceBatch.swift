/// The layout of a padded, time-major batch of sequences: the one place where it is defined.
///
/// T = `maxLength` steps, B = `batchSize` sequences. Row `t·B + b` of every `[T·B, ·]` matrix
/// (inputs, hidden states, their gradients) is step `t` of sequence `b`. Steps `t >= lengths[b]`
/// are padding: recurrent layers output zeros there, ignore whatever the input and the incoming
/// gradient hold there, and return a zero input gradient there, so padding never changes a result
/// or a gradient. Sequences may come in any order, but sorting them by length (either direction)
/// lets every time step work on one contiguous block of running sequences, and bucketing by length
/// keeps the padding, which still costs input-projection work, small.
public struct SequenceBatch: Sendable, Equatable {
  /// The number of valid steps of each sequence; a length may be 0 (an empty sequence, whose
  /// outputs and final states are zero).
  public let lengths: [Int]
  /// `T`, the longest length.
  public let maxLength: Int
  /// For each step, the smallest range of sequence indices holding every sequence running then.
  let activeRanges: [Range<Int>]

  /// `B`, the number of sequences.
  public var batchSize: Int { lengths.count }

  /// `T·B`, the number of rows of the batch's matrices.
  public var rowCount: Int { maxLength * lengths.count }

  /// A batch of sequences with these lengths.
  public init(lengths: [Int]) {
    precondition(lengths.allSatisfy { $0 >= 0 }, "SequenceBatch: negative length in \(lengths)")
    self.lengths = lengths
    let maxLength = lengths.max() ?? 0
    self.maxLength = maxLength
    activeRanges = (0..<maxLength).map { step in
      let first = lengths.firstIndex { $0 > step } ?? 0
      let last = lengths.lastIndex { $0 > step } ?? -1
      return first..<(last + 1)
    }
  }

  /// The row holding the final state of sequence `b` in a run over steps `0..<lengths[b]`: its
  /// last valid step, or step 0 when `reversed`; nil for an empty sequence.
  func finalRow(of b: Int, reversed: Bool) -> Int? {
    guard lengths[b] > 0 else { return nil }
    return (reversed ? 0 : lengths[b] - 1) * batchSize + b
  }

  /// The final-state rows of every sequence (see `finalRow(of:reversed:)`).
  func finalRows(reversed: Bool) -> [Int?] {
    (0..<batchSize).map { finalRow(of: $0, reversed: reversed) }
  }

  /// The steps in run order with their layouts: `0..<T`, or `T-1` down to `0` when `reversed`.
  func stepLayouts(reversed: Bool) -> [StepLayout] {
    let order = reversed ? Array((0..<maxLength).reversed()) : Array(0..<maxLength)
    return order.enumerated().map { index, step in
      StepLayout(
        step: step, previousStep: index == 0 ? nil : order[index - 1], batchSize: batchSize,
        batchRange: activeRanges[step])
    }
  }
}
