extension RecurrentLayer {
  /// Runs the layer over a padded batch.
  ///
  /// - Parameters:
  ///   - x: The inputs, `[T·B, D]` in `batch`'s layout; padded rows are ignored.
  ///   - batch: The lengths of the sequences.
  ///   - reversed: Run each sequence from its own last valid step down to step 0, so padding
  ///     never enters a backward direction.
  ///   - initialState: A state to start from (a conditioned decoder). When given, **step 0 of
  ///     `batch` is the state itself**: its rows of `x` are ignored, its hidden (and cell) rows are
  ///     set to the state, and the cell runs from step 1; every length must be at least 1 and
  ///     `reversed` false. `backwardFromState` then also returns the state's gradient.
  /// - Returns: The hidden states `[T·B, H]` (zero at padded steps) and the cache for `backward`,
  ///   which also holds the final states (`finalHidden`, `finalCell`).
  /// - Complexity: one `[T·B × D]·[D × G·H]` product, then per step one `[≤B × H]·[H × G·H]`
  ///   product and O(B·H) cell math; no allocation inside the time loop.
  public func forward(
    _ x: Matrix, batch: SequenceBatch, reversed: Bool, initialState: RecurrentState? = nil
  ) -> (hidden: Matrix, cache: RecurrentCache) {
    precondition(
      x.rows == batch.rowCount && x.columns == inputSize,
      "RecurrentLayer.forward: x is [\(x.rows)×\(x.columns)], expected [\(batch.rowCount)×\(inputSize)]"
        + " (T \(batch.maxLength) · B \(batch.batchSize), D \(inputSize))")
    return run(
      projected: inputProjection(x), input: .dense(x), batch: batch, reversed: reversed,
      initialState: initialState)
  }

  /// `forward` over one-hot inputs given by their ids (`[T·B]`; id 0 is the zero vector, as for
  /// padding): `x·Wxᵀ` is a gather of columns of `Wx`, not a product, and `backward` scatters
  /// `dWx` and returns an empty input gradient (`[T·B, 0]`). `D` is the number of ids.
  public func forward(
    oneHot ids: [Int], batch: SequenceBatch, initialState: RecurrentState? = nil
  ) -> (hidden: Matrix, cache: RecurrentCache) {
    precondition(
      ids.count == batch.rowCount && ids.allSatisfy { (0..<inputSize).contains($0) },
      "RecurrentLayer.forward: \(ids.count) one-hot ids for \(batch.rowCount) rows, D \(inputSize)")
    var bias = bx
    if kind != .gru { bias += bh }
    var projected = Matrix.broadcasting(row: bias, count: ids.count)
    let columns = wx.transposed
    for (row, id) in ids.enumerated() where id != 0 {
      projected.addRow(id, of: columns, toRow: row)
    }
    return run(
      projected: projected, input: .oneHot(ids), batch: batch, reversed: false,
      initialState: initialState)
  }

  /// The recurrence over input projections already computed (`[T·B, G·H]`), which become the
  /// gate buffer in place (taken, not copied).
  private func run(
    projected: consuming Matrix, input: RecurrentCache.Input, batch: SequenceBatch, reversed: Bool,
    initialState: RecurrentState?
  ) -> (hidden: Matrix, cache: RecurrentCache) {
    var gates = consume projected
    var hidden = Matrix(rows: batch.rowCount, columns: hiddenSize)
    var cell = Matrix(rows: kind == .lstm ? batch.rowCount : 0, columns: hiddenSize)
    var recurrentN = Matrix(rows: kind == .gru ? batch.rowCount : 0, columns: hiddenSize)
    var layouts = batch.stepLayouts(reversed: reversed)
    if let initialState {
      write(initialState, batch: batch, reversed: reversed, hidden: &hidden, cell: &cell)
      layouts.removeFirst()
    }
    switch kind {
    case .lstm:
      runLSTM(layouts, lengths: batch.lengths, gates: &gates, cell: &cell, hidden: &hidden)
    case .gru:
      runGRU(
        layouts, lengths: batch.lengths, gates: &gates, recurrentN: &recurrentN, hidden: &hidden)
    case .rnn:
      runRNN(layouts, lengths: batch.lengths, gates: &gates, hidden: &hidden)
    }
    let cache = RecurrentCache(
      batch: batch, isReversed: reversed, hasInitialState: initialState != nil, input: input,
      gates: gates, cell: cell, recurrentN: recurrentN, hidden: hidden)
    return (hidden, cache)
  }

  /// Puts `state` into the step-0 rows of the hidden (and cell) buffers.
  private func write(
    _ state: RecurrentState, batch: SequenceBatch, reversed: Bool, hidden: inout Matrix,
    cell: inout Matrix
  ) {
    precondition(
      !reversed && batch.lengths.allSatisfy { $0 >= 1 }
        && state.hidden.shape == [batch.batchSize, hiddenSize]
        && (state.cell != nil) == (kind == .lstm),
      "RecurrentLayer.forward: initial state hidden \(state.hidden.shape), cell"
        + " \(state.cell?.shape ?? []) for \(kind) over lengths \(batch.lengths) (reversed \(reversed));"
        + " expected [\(batch.batchSize), \(hiddenSize)], lengths >= 1, not reversed")
    hidden.storage.replaceSubrange(0..<state.hidden.count, with: state.hidden.storage)
    if let stateCell = state.cell {
      cell.storage.replaceSubrange(0..<stateCell.count, with: stateCell.storage)
    }
  }

  /// `X·Wxᵀ + bx (+ bh)` for every row: one `gemm` hoisted out of the time loop (through the
  /// weights packed for inference when there are). The GRU keeps `bh` apart because its `n`
  /// gate scales `Wh_n·h + bh_n` by `r`.
  func inputProjection(_ x: Matrix) -> Matrix {
    var bias = bx
    if kind != .gru { bias += bh }
    var gates = Matrix.broadcasting(row: bias, count: x.rows)
    if let packed = inferenceWeights?.input, packed.pays(rows: x.rows) {
      packed.multiply(x, rows: 0..<x.rows, beta: 1, into: &gates, rows: 0..<x.rows)
    } else {
      Matrix.gemm(x, wx, transposeB: true, beta: 1, into: &gates)
    }
    return gates
  }

  private func runLSTM(
    _ layouts: [StepLayout], lengths: [Int], gates: inout Matrix, cell: inout Matrix,
    hidden: inout Matrix
  ) {
    let packed = recurrentWeights(stepRows: layouts.map(\.batchRange.count))
    for layout in layouts {
      if let previousRows = layout.previousRows {
        recurrentProduct(
          hidden, rows: previousRows, packed, beta: 1, into: &gates, rows: layout.rows)
      }
      CellKernels.lstmForward(layout, lengths: lengths, gates: &gates, cell: &cell, hidden: &hidden)
    }
  }

  private func runGRU(
    _ layouts: [StepLayout], lengths: [Int], gates: inout Matrix, recurrentN: inout Matrix,
    hidden: inout Matrix
  ) {
    var recurrent = Matrix(rows: layouts.first?.batchSize ?? 0, columns: wh.rows)
    let packed = recurrentWeights(stepRows: layouts.map(\.batchRange.count))
    for layout in layouts {
      if let previousRows = layout.previousRows {
        recurrentProduct(
          hidden, rows: previousRows, packed, beta: 0, into: &recurrent, rows: layout.batchRange)
      }
      CellKernels.gruForward(
        layout, lengths: lengths, recurrent: recurrent, recurrentBias: bh, gates: &gates,
        recurrentN: &recurrentN, hidden: &hidden)
    }
  }

  private func runRNN(
    _ layouts: [StepLayout], lengths: [Int], gates: inout Matrix, hidden: inout Matrix
  ) {
    let packed = recurrentWeights(stepRows: layouts.map(\.batchRange.count))
    for layout in layouts {
      if let previousRows = layout.previousRows {
        recurrentProduct(
          hidden, rows: previousRows, packed, beta: 1, into: &gates, rows: layout.rows)
      }
      CellKernels.rnnForward(layout, lengths: lengths, gates: gates, hidden: &hidden)
    }
  }

  /// `wh` packed for a recurrence whose steps multiply `stepRows` rows: the copy packed for
  /// inference when there is one, else packed now if that pays (`PackedWeights.forRecurrence`).
  func recurrentWeights(stepRows: [Int]) -> PackedWeights? {
    inferenceWeights?.recurrent ?? PackedWeights.forRecurrence(wh, stepRows: stepRows)
  }

  /// `c[cRows] ← h[hRows] · Whᵀ + beta · c[cRows]`: through packed weights when there are and
  /// they pay at this many rows (`PackedWeights.pays(rows:)`), through `Matrix.gemm` otherwise.
  func recurrentProduct(
    _ h: Matrix, rows hRows: Range<Int>, _ packed: PackedWeights?, beta: Float,
    into c: inout Matrix, rows cRows: Range<Int>
  ) {
    if let packed, packed.pays(rows: hRows.count) {
      packed.multiply(h, rows: hRows, beta: beta, into: &c, rows: cRows)
    } else {
      Matrix.gemm(
        h, rows: hRows, wh, rows: 0..<wh.rows, transposeB: true, beta: beta, into: &c,
        rows: cRows)
    }
  }
}
