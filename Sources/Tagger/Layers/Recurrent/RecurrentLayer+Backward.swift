extension RecurrentLayer {
  /// Back-propagates through a forward run, adds the parameter gradients into `gradients`, and
  /// returns the input gradient.
  ///
  /// The step loop stores the pre-activation gradients of every step (`[T·B, G·H]`); `dWx`, `dWh`,
  /// `dX` are then one `gemm` each and the bias gradients column sums.
  ///
  /// - Parameters:
  ///   - dHidden: The gradient on the hidden states, `[T·B, H]`; padded rows are ignored.
  ///   - dFinalHidden: An optional gradient on `cache.finalHidden`, `[B, H]` (for heads that read
  ///     the final state, such as a character encoder).
  ///   - dFinalCell: An optional gradient on `cache.finalCell`, `[B, H]` (LSTM only).
  ///   - cache: The cache of the forward run.
  ///   - gradients: Accumulates `dWx`, `dWh`, `dbx`, `dbh` (same shapes as `self`).
  /// - Returns: `dX`, `[T·B, D]`, zero at padded rows.
  public func backward(
    _ dHidden: Matrix, dFinalHidden: Matrix? = nil, dFinalCell: Matrix? = nil,
    cache: RecurrentCache, into gradients: inout RecurrentLayer
  ) -> Matrix {
    backPropagate(
      dHidden, dFinalHidden: dFinalHidden, dFinalCell: dFinalCell, cache: cache,
      into: &gradients
    ).dInput
  }

  /// `backward` for a run that started from an initial state (`forward(…, initialState:)`):
  /// also returns the gradient of that state.
  ///
  /// - Returns: `dX` (`[T·B, D]`, zero at step 0 and padded rows) and the state's gradient
  ///   (`hidden` `[B, H]`, which includes `dHidden`'s step-0 rows, and for an LSTM `cell`).
  public func backwardFromState(
    _ dHidden: Matrix, dFinalHidden: Matrix? = nil, dFinalCell: Matrix? = nil,
    cache: RecurrentCache, into gradients: inout RecurrentLayer
  ) -> (dInput: Matrix, dInitialState: RecurrentState) {
    precondition(cache.hasInitialState, "backwardFromState: the forward run had no initial state")
    let result = backPropagate(
      dHidden, dFinalHidden: dFinalHidden, dFinalCell: dFinalCell, cache: cache,
      into: &gradients)
    return (result.dInput, result.dInitialState)
  }

  private func backPropagate(
    _ dHidden: Matrix, dFinalHidden: Matrix?, dFinalCell: Matrix?, cache: RecurrentCache,
    into gradients: inout RecurrentLayer
  ) -> (dInput: Matrix, dInitialState: RecurrentState) {
    let batch = cache.batch
    let (rowCount, batchSize) = (batch.rowCount, batch.batchSize)
    checkBackwardShapes(dHidden, dFinalHidden, dFinalCell, batch: batch, gradients: gradients)
    var dStates = dHidden
    if let dFinalHidden {
      dStates.addRows(of: dFinalHidden, at: batch.finalRows(reversed: cache.isReversed))
    }
    var dGates = Matrix(rows: rowCount, columns: wh.rows)
    var dGatesH = Matrix(rows: kind == .gru ? rowCount : 0, columns: wh.rows)
    // The cell gradient of sequence b is first read at b's final step, so dFinalCell can start it.
    var dCell = dFinalCell ?? Matrix(rows: kind == .lstm ? batchSize : 0, columns: hiddenSize)
    var dRecurrent = Matrix(rows: batchSize, columns: hiddenSize)
    let layouts = batch.stepLayouts(reversed: cache.isReversed)
    // dh_{t-1} = dGates_t·Wh is x·Bᵀ with B = Whᵀ: pack that once for every step.
    let packedTransposed = PackedWeights.forRecurrence(
      wh, stepRows: layouts.map(\.batchRange.count), transposed: true)
    for (index, layout) in layouts.enumerated().reversed() {
      // With an initial state, step 0 is the state: nothing to back-propagate through there.
      if index == 0 && cache.hasInitialState { break }
      switch kind {
      case .lstm:
        CellKernels.lstmBackward(
          layout, lengths: batch.lengths, gates: cache.gates, cell: cache.cell, dHidden: dStates,
          dRecurrent: dRecurrent, dCell: &dCell, dGates: &dGates)
      case .gru:
        CellKernels.gruBackward(
          layout, lengths: batch.lengths, gates: cache.gates, recurrentN: cache.recurrentN,
          hidden: cache.hidden, dHidden: dStates, dRecurrent: &dRecurrent, dGatesX: &dGates,
          dGatesH: &dGatesH)
      case .rnn:
        CellKernels.rnnBackward(
          layout, lengths: batch.lengths, hidden: cache.hidden, dHidden: dStates,
          dRecurrent: dRecurrent, dGates: &dGates)
      }
      guard index > 0 else { break }
      // dh_{t-1} = dGates_t·Wh (+ the GRU's direct path, which its kernel left in dRecurrent).
      if let packedTransposed, packedTransposed.pays(rows: layout.batchRange.count) {
        packedTransposed.multiply(
          kind == .gru ? dGatesH : dGates, rows: layout.rows, beta: kind == .gru ? 1 : 0,
          into: &dRecurrent, rows: layout.batchRange)
      } else {
        Matrix.gemm(
          kind == .gru ? dGatesH : dGates, rows: layout.rows, wh, rows: 0..<wh.rows,
          beta: kind == .gru ? 1 : 0, into: &dRecurrent, rows: layout.batchRange)
      }
    }
    accumulateParameterGradients(
      dGates: dGates, dGatesH: kind == .gru ? dGatesH : dGates, cache: cache, into: &gradients)
    // After the loop `dRecurrent` holds dh_0 through step 1 and `dCell` holds dc_0 (a sequence
    // that is only its state keeps `dFinalCell`'s row); the state's own rows add `dStates`.
    var dInitialHidden = dRecurrent
    if cache.hasInitialState {
      for index in 0..<dInitialHidden.count {
        dInitialHidden.storage[index] += dStates.storage[index]
      }
    }
    let dInitialState = RecurrentState(
      hidden: dInitialHidden, cell: kind == .lstm ? dCell : nil)
    switch cache.input {
    case .dense:
      return (Matrix.product(dGates, wx), dInitialState)
    case .oneHot:
      return (Matrix(rows: rowCount, columns: 0), dInitialState)
    }
  }

  /// `dbx`, `dbh` (column sums), `dWx = dGatesᵀ·X` and `dWh = dGatesHᵀ·H_{t-1}`, where `H_{t-1}`
  /// is the hidden buffer shifted by one step in run order (its zero padding is the zero state).
  private func accumulateParameterGradients(
    dGates: Matrix, dGatesH: Matrix, cache: RecurrentCache, into gradients: inout RecurrentLayer
  ) {
    Matrix.addColumnSums(of: dGates, into: &gradients.bx)
    Matrix.addColumnSums(of: dGatesH, into: &gradients.bh)
    switch cache.input {
    case .dense(let x):
      Matrix.gemm(dGates, x, transposeA: true, beta: 1, into: &gradients.wx)
    case .oneHot(let ids):
      // dWx[:, id] += dGates[row] for every row: rows of dWxᵀ, then one transpose.
      var dColumns = Matrix(rows: wx.columns, columns: wx.rows)
      dColumns.scatterAddRows(dGates, at: ids, skippingRow: 0)
      gradients.wx += dColumns.transposed
    }
    let (rowCount, batchSize) = (cache.batch.rowCount, cache.batch.batchSize)
    guard rowCount > batchSize else { return }
    let later = batchSize..<rowCount
    let earlier = 0..<(rowCount - batchSize)
    Matrix.gemm(
      dGatesH, rows: cache.isReversed ? earlier : later, cache.hidden,
      rows: cache.isReversed ? later : earlier, transposeA: true, beta: 1, into: &gradients.wh,
      rows: 0..<wh.rows)
  }

  private func checkBackwardShapes(
    _ dHidden: Matrix, _ dFinalHidden: Matrix?, _ dFinalCell: Matrix?, batch: SequenceBatch,
    gradients: RecurrentLayer
  ) {
    precondition(
      dHidden.shape == [batch.rowCount, hiddenSize],
      "RecurrentLayer.backward: dHidden is \(dHidden.shape), expected [\(batch.rowCount), \(hiddenSize)]"
    )
    let stateShape = [batch.batchSize, hiddenSize]
    precondition(
      dFinalHidden.map { $0.shape == stateShape } ?? true,
      "RecurrentLayer.backward: dFinalHidden is \(dFinalHidden?.shape ?? []), expected \(stateShape)"
    )
    precondition(
      dFinalCell.map { $0.shape == stateShape && kind == .lstm } ?? true,
      "RecurrentLayer.backward: dFinalCell is \(dFinalCell?.shape ?? []) for \(kind),"
        + " expected \(stateShape) and an LSTM")
    precondition(
      gradients.kind == kind && gradients.wx.shape == wx.shape && gradients.wh.shape == wh.shape
        && gradients.bx.shape == bx.shape && gradients.bh.shape == bh.shape,
      "RecurrentLayer.backward: gradients wx \(gradients.wx.shape) wh \(gradients.wh.shape),"
        + " expected wx \(wx.shape) wh \(wh.shape)")
  }
}
