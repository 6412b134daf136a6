/// The state of one recurrent layer for a batch of B sequences: what a run starts from and what
/// a single step carries to the next.
///
/// H = hidden size. `hidden` is `[B, H]`; `cell` is `[B, H]` for an LSTM and nil for GRU and RNN.
public struct RecurrentState: Sendable, Equatable {
  /// The hidden states, `[B, H]`.
  public var hidden: Matrix
  /// The LSTM cell states, `[B, H]`; nil for GRU and RNN.
  public var cell: Matrix?

  /// A state with the given matrices.
  public init(hidden: Matrix, cell: Matrix?) {
    precondition(
      cell.map { $0.shape == hidden.shape } ?? true,
      "RecurrentState: hidden \(hidden.shape), cell \(cell?.shape ?? [])")
    self.hidden = hidden
    self.cell = cell
  }

  /// The zero state of `batchSize` sequences of a layer of `kind` with `hiddenSize` units.
  public static func zeros(kind: CellKind, batchSize: Int, hiddenSize: Int) -> RecurrentState {
    let zero = Matrix(rows: batchSize, columns: hiddenSize)
    return RecurrentState(hidden: zero, cell: kind == .lstm ? zero : nil)
  }

  /// B, the number of sequences.
  public var batchSize: Int { hidden.rows }

  /// The states of the sequences at `rows`, in that order (beam search reorders hypotheses so).
  public func selecting(rows: [Int]) -> RecurrentState {
    RecurrentState(hidden: hidden.gatheringRows(rows), cell: cell?.gatheringRows(rows))
  }
}
