import CTaggerKernels

/// Pointwise recurrent-cell math on one time step over the hidden units: the C kernels of the
/// `CellKernelLevel.active` instruction set, or the portable Swift SIMD8 code below.
///
/// Each kernel reads and writes the rows of a `StepLayout` in place: pre-activations become
/// activations in the gate buffer, and new states go to the `[T·B, H]` hidden (and cell) buffers.
/// Sequences that are not running at the step are skipped, so their rows keep their zeros. The
/// per-row functions take raw pointers (allowed here, the elementwise kernels file family of
/// STYLE §3) and run in chunks of eight lanes with a partial chunk at the end.
enum CellKernels {
  typealias Vector = SIMD8<Float>
}

// MARK: - LSTM

extension CellKernels {
  /// LSTM step, gates `i, f, g, o` (PyTorch order) in a `[T·B, 4H]` buffer that already holds
  /// `Wx·x + bx + bh + Wh·h_{t-1}`:
  ///
  ///     i = σ(·), f = σ(·), g = tanh(·), o = σ(·)
  ///     c_t = f ⊙ c_{t-1} + i ⊙ g
  ///     h_t = o ⊙ tanh(c_t)
  ///
  /// The gate rows are overwritten with `i, f, g, o`; `cell` and `hidden` are `[T·B, H]`.
  static func lstmForward(
    _ layout: StepLayout, lengths: [Int], gates: inout Matrix, cell: inout Matrix,
    hidden: inout Matrix
  ) {
    let size = hidden.columns
    let level = CellKernelLevel.active
    gates.storage.withUnsafeMutableBufferPointer { g in
      cell.storage.withUnsafeMutableBufferPointer { c in
        hidden.storage.withUnsafeMutableBufferPointer { h in
          guard let g = g.baseAddress, let c = c.baseAddress, let h = h.baseAddress else { return }
          for b in layout.batchRange where layout.isActive(b, lengths: lengths) {
            let row = layout.row(b)
            lstmForwardRow(
              level: level, gates: g + row &* 4 &* size,
              previousCell: layout.previousRow(b).map { c + $0 &* size },
              cell: c + row &* size, hidden: h + row &* size, size: size)
          }
        }
      }
    }
  }

  /// One row of `lstmForward` with the kernels of `level` (which the CPU must support).
  static func lstmForwardRow(
    level: CellKernelLevel, gates: UnsafeMutablePointer<Float>,
    previousCell: UnsafeMutablePointer<Float>?, cell: UnsafeMutablePointer<Float>,
    hidden: UnsafeMutablePointer<Float>, size: Int
  ) {
    switch level {
    case .avx512:
      tk_lstm_forward_row_avx512(gates, previousCell, cell, hidden, size)
    case .avx2:
      tk_lstm_forward_row_avx2(gates, previousCell, cell, hidden, size)
    case .portable:
      portableLSTMForwardRow(
        gates: gates, previousCell: previousCell, cell: cell, hidden: hidden, size: size)
    }
  }

  private static func portableLSTMForwardRow(
    gates: UnsafeMutablePointer<Float>, previousCell: UnsafeMutablePointer<Float>?,
    cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, size: Int
  ) {
    var j = 0
    while j < size {
      let n = size &- j
      let i = VectorMath.sigmoid(VectorMath.load(gates + j, count: n))
      let f = VectorMath.sigmoid(VectorMath.load(gates + (size &+ j), count: n))
      let g = VectorMath.tanh(VectorMath.load(gates + (2 &* size &+ j), count: n))
      let o = VectorMath.sigmoid(VectorMath.load(gates + (3 &* size &+ j), count: n))
      let cPrevious = previousCell.map { VectorMath.load($0 + j, count: n) } ?? Vector()
      let c = f * cPrevious + i * g
      VectorMath.store(i, to: gates + j, count: n)
      VectorMath.store(f, to: gates + (size &+ j), count: n)
      VectorMath.store(g, to: gates + (2 &* size &+ j), count: n)
      VectorMath.store(o, to: gates + (3 &* size &+ j), count: n)
      VectorMath.store(c, to: cell + j, count: n)
      VectorMath.store(o * VectorMath.tanh(c), to: hidden + j, count: n)
      j &+= 8
    }
  }

  /// LSTM backward step. With `dh = dHidden_t + dRecurrent` (the gradient from step t+1 through
  /// `Wh`) and `dc` the running cell gradient:
  ///
  ///     dc += dh ⊙ o ⊙ (1 - tanh²c_t)
  ///     do = dh ⊙ tanh c_t ⊙ o(1-o)        di = dc ⊙ g ⊙ i(1-i)
  ///     dg = dc ⊙ i ⊙ (1-g²)               df = dc ⊙ c_{t-1} ⊙ f(1-f)
  ///     dCell ← dc ⊙ f                      (the cell gradient for step t-1)
  ///
  /// The pre-activation gradients go to the step's rows of `dGates` (`[T·B, 4H]`).
  static func lstmBackward(
    _ layout: StepLayout, lengths: [Int], gates: Matrix, cell: Matrix, dHidden: Matrix,
    dRecurrent: Matrix, dCell: inout Matrix, dGates: inout Matrix
  ) {
    let size = cell.columns
    gates.storage.withUnsafeBufferPointer { g in
      cell.storage.withUnsafeBufferPointer { c in
        dHidden.storage.withUnsafeBufferPointer { dh in
          dRecurrent.storage.withUnsafeBufferPointer { dr in
            dCell.storage.withUnsafeMutableBufferPointer { dc in
              dGates.storage.withUnsafeMutableBufferPointer { dg in
                guard let g = g.baseAddress, let c = c.baseAddress, let dh = dh.baseAddress,
                  let dr = dr.baseAddress, let dc = dc.baseAddress, let dg = dg.baseAddress
                else { return }
                for b in layout.batchRange where layout.isActive(b, lengths: lengths) {
                  let row = layout.row(b)
                  lstmBackwardRow(
                    gates: g + row &* 4 &* size, cell: c + row &* size,
                    previousCell: layout.previousRow(b).map { c + $0 &* size },
                    dHidden: dh + row &* size, dRecurrent: dr + b &* size, dCell: dc + b &* size,
                    dGates: dg + row &* 4 &* size, size: size)
                }
              }
            }
          }
        }
      }
    }
  }

  private static func lstmBackwardRow(
    gates: UnsafePointer<Float>, cell: UnsafePointer<Float>, previousCell: UnsafePointer<Float>?,
    dHidden: UnsafePointer<Float>, dRecurrent: UnsafePointer<Float>,
    dCell: UnsafeMutablePointer<Float>, dGates: UnsafeMutablePointer<Float>, size: Int
  ) {
    var j = 0
    while j < size {
      let n = size &- j
      let i = VectorMath.load(gates + j, count: n)
      let f = VectorMath.load(gates + (size &+ j), count: n)
      let g = VectorMath.load(gates + (2 &* size &+ j), count: n)
      let o = VectorMath.load(gates + (3 &* size &+ j), count: n)
      let tanhC = VectorMath.tanh(VectorMath.load(cell + j, count: n))
      let cPrevious = previousCell.map { VectorMath.load($0 + j, count: n) } ?? Vector()
      let dh = VectorMath.load(dHidden + j, count: n) + VectorMath.load(dRecurrent + j, count: n)
      let dc = VectorMath.load(dCell + j, count: n) + dh * o * (1 - tanhC * tanhC)
      VectorMath.store(dc * g * i * (1 - i), to: dGates + j, count: n)
      VectorMath.store(dc * cPrevious * f * (1 - f), to: dGates + (size &+ j), count: n)
      VectorMath.store(dc * i * (1 - g * g), to: dGates + (2 &* size &+ j), count: n)
      VectorMath.store(dh * tanhC * o * (1 - o), to: dGates + (3 &* size &+ j), count: n)
      VectorMath.store(dc * f, to: dCell + j, count: n)
      j &+= 8
    }
  }
}
