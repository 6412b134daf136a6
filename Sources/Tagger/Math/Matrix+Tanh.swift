extension Matrix {
  /// Replaces every element `x` by `tanh x`, with the recurrent cells' kernel
  /// (`CellKernels.tanhRow` at `CellKernelLevel.active`).
  mutating func applyTanh() {
    let count = storage.count
    storage.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      CellKernels.tanhRow(
        level: CellKernelLevel.active, input: UnsafePointer(base), output: base, size: count)
    }
  }

  /// Multiplies every element by `1 - y²`, where `y` is the matching element of `output`, a
  /// `tanh` output of the same shape: the backward step of `applyTanh`.
  mutating func multiplyByTanhDerivative(output: Matrix) {
    precondition(shape == output.shape, "multiplyByTanhDerivative: \(shape) and \(output.shape)")
    storage.withUnsafeMutableBufferPointer { g in
      output.storage.withUnsafeBufferPointer { y in
        for index in 0..<g.count { g[index] *= 1 - y[index] * y[index] }
      }
    }
  }
}
