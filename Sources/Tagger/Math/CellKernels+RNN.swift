import CTaggerKernels

// MARK: - Elman RNN (tanh)

extension CellKernels {
  /// Elman step: `h_t = tanh(a)` where the `[T·B, H]` `gates` row already holds
  /// `a = Wx·x + bx + bh + Wh·h_{t-1}`; `h_t` goes to `hidden`.
  static func rnnForward(
    _ layout: StepLayout, lengths: [Int], gates: Matrix, hidden: inout Matrix
  ) {
    let size = hidden.columns
    let level = CellKernelLevel.active
    gates.storage.withUnsafeBufferPointer { a in
      hidden.storage.withUnsafeMutableBufferPointer { h in
        guard let a = a.baseAddress, let h = h.baseAddress else { return }
        for b in layout.batchRange where layout.isActive(b, lengths: lengths) {
          let row = layout.row(b) &* size
          tanhRow(level: level, input: a + row, output: h + row, size: size)
        }
      }
    }
  }

  /// `output = tanh(input)` over `size` values with the kernels of `level`.
  static func tanhRow(
    level: CellKernelLevel, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    size: Int
  ) {
    switch level {
    case .avx512:
      tk_tanh_row_avx512(input, output, size)
    case .avx2:
      tk_tanh_row_avx2(input, output, size)
    case .portable:
      var j = 0
      while j < size {
        let n = size &- j
        VectorMath.store(VectorMath.tanh(VectorMath.load(input + j, count: n)), to: output + j, count: n)
        j &+= 8
      }
    }
  }

  /// Elman backward step: `da = (dHidden_t + dRecurrent) ⊙ (1 - h_t²)` into the step's rows of
  /// `dGates` (`[T·B, H]`).
  static func rnnBackward(
    _ layout: StepLayout, lengths: [Int], hidden: Matrix, dHidden: Matrix, dRecurrent: Matrix,
    dGates: inout Matrix
  ) {
    let size = hidden.columns
    hidden.storage.withUnsafeBufferPointer { h in
      dHidden.storage.withUnsafeBufferPointer { dh in
        dRecurrent.storage.withUnsafeBufferPointer { dr in
          dGates.storage.withUnsafeMutableBufferPointer { da in
            guard let h = h.baseAddress, let dh = dh.baseAddress, let dr = dr.baseAddress,
              let da = da.baseAddress
            else { return }
            for b in layout.batchRange where layout.isActive(b, lengths: lengths) {
              let (row, sequence) = (layout.row(b) &* size, b &* size)
              var j = 0
              while j < size {
                let n = size &- j
                let hValue = VectorMath.load(h + (row &+ j), count: n)
                let gradient =
                  VectorMath.load(dh + (row &+ j), count: n)
                  + VectorMath.load(dr + (sequence &+ j), count: n)
                VectorMath.store(
                  gradient * (1 - hValue * hValue), to: da + (row &+ j), count: n)
                j &+= 8
              }
            }
          }
        }
      }
    }
  }
}
