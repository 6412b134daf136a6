extension RecurrentLayer {
  /// Advances B sequences by one step, for incremental inference (sampling, beam search): no
  /// activations are kept for a backward pass.
  ///
  /// The cell math is the same kernels as `forward`, on a two-step buffer whose step 0 holds
  /// `state` and whose step 1 is computed, so a step gives exactly the numbers `forward` gives.
  ///
  /// - Parameters:
  ///   - projectedInput: `x·Wxᵀ + bx` (plus `bh` except for a GRU), `[B, G·H]`: what
  ///     `projectInput(_:)` returns, or a row of a table of it precomputed per input symbol.
  ///   - state: The state before the step (`[B, H]`), replaced by the state after it.
  public func step(projectedInput: Matrix, state: inout RecurrentState) {
    let batchSize = state.batchSize
    precondition(
      projectedInput.shape == [batchSize, wh.rows] && state.hidden.columns == hiddenSize
        && (state.cell != nil) == (kind == .lstm),
      "RecurrentLayer.step: input \(projectedInput.shape), hidden \(state.hidden.shape) for \(kind),"
        + " expected [\(batchSize), \(wh.rows)] and [\(batchSize), \(hiddenSize)]")
    guard batchSize > 0 else { return }
    let layout = StepLayout(
      step: 1, previousStep: 0, batchSize: batchSize, batchRange: 0..<batchSize)
    let lengths = [Int](repeating: 2, count: batchSize)
    var gates = Matrix(rows: 2 * batchSize, columns: wh.rows)
    gates.storage.replaceSubrange(gates.count / 2..<gates.count, with: projectedInput.storage)
    var hidden = Matrix(rows: 2 * batchSize, columns: hiddenSize)
    hidden.storage.replaceSubrange(0..<hidden.count / 2, with: state.hidden.storage)
    let stateRows = 0..<batchSize
    let packed = inferenceWeights?.recurrent
    switch kind {
    case .lstm:
      var cell = Matrix(rows: 2 * batchSize, columns: hiddenSize)
      if let previous = state.cell {
        cell.storage.replaceSubrange(0..<cell.count / 2, with: previous.storage)
      }
      recurrentProduct(
        hidden, rows: stateRows, packed, beta: 1, into: &gates, rows: layout.rows)
      CellKernels.lstmForward(layout, lengths: lengths, gates: &gates, cell: &cell, hidden: &hidden)
      state.cell = Matrix(
        rows: batchSize, columns: hiddenSize,
        storage: Array(cell.storage[(cell.count / 2)..<cell.count]))
    case .gru:
      var recurrent = Matrix(rows: batchSize, columns: wh.rows)
      recurrentProduct(
        hidden, rows: stateRows, packed, beta: 0, into: &recurrent, rows: stateRows)
      var recurrentN = Matrix(rows: 2 * batchSize, columns: hiddenSize)
      CellKernels.gruForward(
        layout, lengths: lengths, recurrent: recurrent, recurrentBias: bh, gates: &gates,
        recurrentN: &recurrentN, hidden: &hidden)
    case .rnn:
      recurrentProduct(
        hidden, rows: stateRows, packed, beta: 1, into: &gates, rows: layout.rows)
      CellKernels.rnnForward(layout, lengths: lengths, gates: gates, hidden: &hidden)
    }
    state.hidden = Matrix(
      rows: batchSize, columns: hiddenSize,
      storage: Array(hidden.storage[(hidden.count / 2)..<hidden.count]))
  }

  /// `x·Wxᵀ + bx` (plus `bh` except for a GRU) for every row of `x` (`[N, D]` → `[N, G·H]`): the
  /// input half of a step, which a caller may precompute per input symbol.
  public func projectInput(_ x: Matrix) -> Matrix {
    precondition(
      x.columns == inputSize, "RecurrentLayer.projectInput: x \(x.shape), D \(inputSize)")
    return inputProjection(x)
  }
}
