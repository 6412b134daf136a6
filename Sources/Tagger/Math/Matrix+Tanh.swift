extension Matrix {
  /// Replaces every element `x` by `tanh x` (`VectorMath.tanh`, eight lanes at a time).
  mutating func applyTanh() {
    storage.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var j = 0
      while j < buffer.count {
        let n = buffer.count &- j
        VectorMath.store(
          VectorMath.tanh(VectorMath.load(base + j, count: n)), to: base + j, count: n)
        j &+= 8
      }
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
