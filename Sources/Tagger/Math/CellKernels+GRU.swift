import CTaggerKernels

// MARK: - GRU

extension CellKernels {
  /// GRU step, gates `r, z, n` (PyTorch order). `gates` (`[T·B, 3H]`) holds `Wx·x + bx`;
  /// `recurrent` (`[B, 3H]`, indexed by sequence) holds `Wh·h_{t-1}` (ignored at the first step,
  /// where `h_{t-1} = 0`); `recurrentBias` is `bh` (`[1, 3H]`):
  ///
  ///     r = σ(x_r + h_r + bh_r),  z = σ(x_z + h_z + bh_z)
  ///     ĥ = h_n + bh_n,           n = tanh(x_n + r ⊙ ĥ)
  ///     h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
  ///
  /// The gate rows become `r, z, n`, `ĥ` goes to `recurrentN` (`[T·B, H]`), `h_t` to `hidden`.
  static func gruForward(
    _ layout: StepLayout, lengths: [Int], recurrent: Matrix, recurrentBias: Matrix,
    gates: inout Matrix, recurrentN: inout Matrix, hidden: inout Matrix
  ) {
    let size = hidden.columns
    let level = CellKernelLevel.active
    let hasPrevious = layout.previousStep != nil
    recurrent.storage.withUnsafeBufferPointer { w in
      recurrentBias.storage.withUnsafeBufferPointer { bias in
        gates.storage.withUnsafeMutableBufferPointer { g in
          recurrentN.storage.withUnsafeMutableBufferPointer { hn in
            hidden.storage.withUnsafeMutableBufferPointer { h in
              guard let w = w.baseAddress, let bias = bias.baseAddress, let g = g.baseAddress,
                let hn = hn.baseAddress, let h = h.baseAddress
              else { return }
              for b in layout.batchRange where layout.isActive(b, lengths: lengths) {
                let row = layout.row(b)
                gruForwardRow(
                  level: level, gates: g + row &* 3 &* size, recurrent: hasPrevious ? w + b &* 3 &* size : nil,
                  bias: bias,
                  previousHidden: layout.previousRow(b).map { UnsafePointer(h + $0 &* size) },
                  recurrentN: hn + row &* size, hidden: h + row &* size, size: size)
              }
            }
          }
        }
      }
    }
  }

  /// One row of `gruForward` with the kernels of `level` (which the CPU must support).
  static func gruForwardRow(
    level: CellKernelLevel, gates: UnsafeMutablePointer<Float>,
    recurrent: UnsafePointer<Float>?, bias: UnsafePointer<Float>,
    previousHidden: UnsafePointer<Float>?, recurrentN: UnsafeMutablePointer<Float>,
    hidden: UnsafeMutablePointer<Float>, size: Int
  ) {
    switch level {
    case .avx512:
      tk_gru_forward_row_avx512(
        gates, recurrent, bias, previousHidden, recurrentN, hidden, size)
    case .avx2:
      tk_gru_forward_row_avx2(gates, recurrent, bias, previousHidden, recurrentN, hidden, size)
    case .portable:
      portableGRUForwardRow(
        gates: gates, recurrent: recurrent, bias: bias, previousHidden: previousHidden,
        recurrentN: recurrentN, hidden: hidden, size: size)
    }
  }

  private static func portableGRUForwardRow(
    gates: UnsafeMutablePointer<Float>, recurrent: UnsafePointer<Float>?,
    bias: UnsafePointer<Float>, previousHidden: UnsafePointer<Float>?,
    recurrentN: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, size: Int
  ) {
    var j = 0
    while j < size {
      let n = size &- j
      let (jr, jz, jn) = (j, size &+ j, 2 &* size &+ j)
      let hr = recurrent.map { VectorMath.load($0 + jr, count: n) } ?? Vector()
      let hz = recurrent.map { VectorMath.load($0 + jz, count: n) } ?? Vector()
      let hn = recurrent.map { VectorMath.load($0 + jn, count: n) } ?? Vector()
      let r = VectorMath.sigmoid(
        VectorMath.load(gates + jr, count: n) + hr + VectorMath.load(bias + jr, count: n))
      let z = VectorMath.sigmoid(
        VectorMath.load(gates + jz, count: n) + hz + VectorMath.load(bias + jz, count: n))
      let hBiased = hn + VectorMath.load(bias + jn, count: n)
      let candidate = VectorMath.tanh(VectorMath.load(gates + jn, count: n) + r * hBiased)
      let hPrevious = previousHidden.map { VectorMath.load($0 + j, count: n) } ?? Vector()
      VectorMath.store(r, to: gates + jr, count: n)
      VectorMath.store(z, to: gates + jz, count: n)
      VectorMath.store(candidate, to: gates + jn, count: n)
      VectorMath.store(hBiased, to: recurrentN + j, count: n)
      VectorMath.store(candidate + z * (hPrevious - candidate), to: hidden + j, count: n)
      j &+= 8
    }
  }

  /// GRU backward step. With `dh = dHidden_t + dRecurrent`:
  ///
  ///     dn = dh ⊙ (1-z) ⊙ (1-n²)      dz = dh ⊙ (h_{t-1} - n) ⊙ z(1-z)
  ///     dr = dn ⊙ ĥ ⊙ r(1-r)
  ///     dGatesX = [dr, dz, dn]         dGatesH = [dr, dz, dn ⊙ r]
  ///     dRecurrent ← dh ⊙ z            (the direct path to h_{t-1}; `Wh` adds the rest)
  static func gruBackward(
    _ layout: StepLayout, lengths: [Int], gates: Matrix, recurrentN: Matrix, hidden: Matrix,
    dHidden: Matrix, dRecurrent: inout Matrix, dGatesX: inout Matrix, dGatesH: inout Matrix
  ) {
    let size = hidden.columns
    gates.storage.withUnsafeBufferPointer { g in
      recurrentN.storage.withUnsafeBufferPointer { hn in
        hidden.storage.withUnsafeBufferPointer { h in
          dHidden.storage.withUnsafeBufferPointer { dh in
            dRecurrent.storage.withUnsafeMutableBufferPointer { dr in
              dGatesX.storage.withUnsafeMutableBufferPointer { dx in
                dGatesH.storage.withUnsafeMutableBufferPointer { dhg in
                  guard let g = g.baseAddress, let hn = hn.baseAddress, let h = h.baseAddress,
                    let dh = dh.baseAddress, let dr = dr.baseAddress, let dx = dx.baseAddress,
                    let dhg = dhg.baseAddress
                  else { return }
                  for b in layout.batchRange where layout.isActive(b, lengths: lengths) {
                    let row = layout.row(b)
                    gruBackwardRow(
                      gates: g + row &* 3 &* size, recurrentN: hn + row &* size,
                      previousHidden: layout.previousRow(b).map { h + $0 &* size },
                      dHidden: dh + row &* size, dRecurrent: dr + b &* size,
                      dGatesX: dx + row &* 3 &* size, dGatesH: dhg + row &* 3 &* size, size: size)
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  private static func gruBackwardRow(
    gates: UnsafePointer<Float>, recurrentN: UnsafePointer<Float>,
    previousHidden: UnsafePointer<Float>?, dHidden: UnsafePointer<Float>,
    dRecurrent: UnsafeMutablePointer<Float>, dGatesX: UnsafeMutablePointer<Float>,
    dGatesH: UnsafeMutablePointer<Float>, size: Int
  ) {
    var j = 0
    while j < size {
      let n = size &- j
      let (jr, jz, jn) = (j, size &+ j, 2 &* size &+ j)
      let r = VectorMath.load(gates + jr, count: n)
      let z = VectorMath.load(gates + jz, count: n)
      let candidate = VectorMath.load(gates + jn, count: n)
      let hPrevious = previousHidden.map { VectorMath.load($0 + j, count: n) } ?? Vector()
      let dh = VectorMath.load(dHidden + j, count: n) + VectorMath.load(dRecurrent + j, count: n)
      let dn = dh * (1 - z) * (1 - candidate * candidate)
      let dz = dh * (hPrevious - candidate) * z * (1 - z)
      let dr = dn * VectorMath.load(recurrentN + j, count: n) * r * (1 - r)
      VectorMath.store(dr, to: dGatesX + jr, count: n)
      VectorMath.store(dz, to: dGatesX + jz, count: n)
      VectorMath.store(dn, to: dGatesX + jn, count: n)
      VectorMath.store(dr, to: dGatesH + jr, count: n)
      VectorMath.store(dz, to: dGatesH + jz, count: n)
      VectorMath.store(dn * r, to: dGatesH + jn, count: n)
      VectorMath.store(dh * z, to: dRecurrent + j, count: n)
      j &+= 8
    }
  }
}
