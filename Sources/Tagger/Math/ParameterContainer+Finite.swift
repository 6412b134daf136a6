extension Matrix {
  /// Whether every element is a finite number: no NaN and no infinity.
  public var isFinite: Bool {
    storage.withUnsafeBufferPointer { buffer in
      // x − x is 0 for a finite x and NaN for NaN or ±∞, and NaN stays in the sum.
      var sum: Float = 0
      for value in buffer { sum += value - value }
      return sum == 0
    }
  }
}

extension ParameterContainer {
  /// The name of the first parameter (in `parameterPaths` order) holding a NaN or an infinity;
  /// nil when every weight is finite.
  public func firstNonFiniteParameter() -> String? {
    parameterPaths.first { !self[keyPath: $0.path].isFinite }?.name
  }
}
