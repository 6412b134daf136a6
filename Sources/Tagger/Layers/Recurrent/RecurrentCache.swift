/// What `RecurrentLayer.backward` needs from a forward run, plus the final states.
///
/// The buffers are the ones forward fills anyway (the gate buffer is transformed in place from
/// pre-activations to activations), so keeping a cache costs no extra work; an inference caller
/// simply drops it.
public struct RecurrentCache: Sendable {
  /// The batch layout of the run.
  let batch: SequenceBatch
  /// Whether the run went from each sequence's last valid step to step 0.
  let isReversed: Bool
  /// Whether step 0 held a given initial state rather than a computed step.
  let hasInitialState: Bool
  /// What the layer read: `x`, `[T·B, D]`, or the ids of one-hot rows.
  enum Input: Sendable {
    case dense(Matrix)
    case oneHot([Int])
  }

  /// The input.
  let input: Input
  /// LSTM: `i, f, g, o`; GRU: `r, z, n` (`[T·B, G·H]`); RNN: the pre-activations (`[T·B, H]`).
  let gates: Matrix
  /// LSTM cell states `c_t`, `[T·B, H]` (empty for other cells).
  let cell: Matrix
  /// GRU `Wh_n·h_{t-1} + bh_n`, `[T·B, H]` (empty for other cells).
  let recurrentN: Matrix
  /// The hidden states, `[T·B, H]`, zero at padded steps.
  let hidden: Matrix

  /// The final hidden state of each sequence, `[B, H]`: the state after its last valid step, or
  /// after step 0 in a reversed run (PyTorch's `h_n` for packed sequences); zero for an empty one.
  public let finalHidden: Matrix
  /// The final LSTM cell state of each sequence, `[B, H]` (PyTorch's `c_n`); nil for GRU and RNN.
  public let finalCell: Matrix?

  init(
    batch: SequenceBatch, isReversed: Bool, hasInitialState: Bool = false, input: Input,
    gates: Matrix, cell: Matrix,
    recurrentN: Matrix, hidden: Matrix
  ) {
    self.batch = batch
    self.isReversed = isReversed
    self.hasInitialState = hasInitialState
    self.input = input
    self.gates = gates
    self.cell = cell
    self.recurrentN = recurrentN
    self.hidden = hidden
    let finalRows = batch.finalRows(reversed: isReversed)
    finalHidden = hidden.gatheringRows(finalRows)
    finalCell = cell.rows == 0 ? nil : cell.gatheringRows(finalRows)
  }
}
