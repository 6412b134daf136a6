/// Stochastic gradient descent with momentum, as PyTorch's `torch.optim.SGD` (no dampening, no
/// Nesterov).
///
/// For every parameter p with gradient g and velocity b (zero before the first step):
/// ```
/// b ← momentum · b + g
/// p ← p − lr · b
/// ```
/// With `momentum == 0` this is plain SGD and keeps no state.
///
/// **Row-sparse parameters.** For the parameters named in `rowSparseParameters` (embedding
/// tables) a row whose gradient is all zero is skipped, velocity included, as in `Adam`.
public struct SGD: Optimizer, Sendable {
  /// The step size lr; may change between steps (schedules).
  public var learningRate: Float
  /// The decay of the velocity, in `[0, 1)`.
  public var momentum: Float
  /// Names of parameters updated row by row, skipping rows with an all-zero gradient.
  public var rowSparseParameters: Set<String>
  private var velocities: [String: Matrix] = [:]

  /// An optimizer with the given step size and momentum.
  public init(learningRate: Float, momentum: Float = 0.9, rowSparseParameters: Set<String> = []) {
    precondition((0..<1).contains(momentum), "SGD: momentum \(momentum) outside [0, 1)")
    self.learningRate = learningRate
    self.momentum = momentum
    self.rowSparseParameters = rowSparseParameters
  }

  /// One SGD step on every parameter of `parameters`.
  public mutating func update<Model: ParameterContainer>(
    _ parameters: inout Model, gradients: Model
  ) {
    let paths = parameters.parameterPaths
    var index = 0
    parameters.updateParameters { parameter in
      let entry = paths[index]
      index += 1
      let gradient = gradients[keyPath: entry.path]
      precondition(
        gradient.shape == parameter.shape,
        "SGD: \"\(entry.name)\" parameter \(parameter.shape), gradient \(gradient.shape)")
      let ranges = gradient.updateRanges(
        skippingZeroRows: rowSparseParameters.contains(entry.name))
      if momentum == 0 {
        Self.descend(ranges, gradient: gradient, learningRate: learningRate, parameter: &parameter)
        return
      }
      var velocity =
        velocities.removeValue(forKey: entry.name)
        ?? Matrix(rows: gradient.rows, columns: gradient.columns)
      precondition(
        velocity.shape == gradient.shape,
        "SGD: \"\(entry.name)\" velocity \(velocity.shape), gradient \(gradient.shape)")
      for range in ranges {
        for index in range {
          velocity.storage[index] = momentum * velocity.storage[index] + gradient.storage[index]
        }
      }
      Self.descend(ranges, gradient: velocity, learningRate: learningRate, parameter: &parameter)
      velocities[entry.name] = velocity
    }
  }

  /// `p ← p − lr · direction` over `ranges`.
  private static func descend(
    _ ranges: [Range<Int>], gradient direction: Matrix, learningRate: Float,
    parameter: inout Matrix
  ) {
    for range in ranges {
      for index in range { parameter.storage[index] -= learningRate * direction.storage[index] }
    }
  }

  /// `"velocity.<name>"` for every parameter seen, by name.
  public var state: [(name: String, value: Matrix)] {
    velocities.keys.sorted().compactMap { name in
      velocities[name].map { (name: "velocity." + name, value: $0) }
    }
  }

  /// Replaces the velocities with `state`.
  ///
  /// - Throws: `OptimizerStateError` for a name without the `velocity.` prefix.
  public mutating func restore(state: [(name: String, value: Matrix)]) throws {
    var restored: [String: Matrix] = [:]
    for entry in state {
      guard entry.name.hasPrefix("velocity.") else {
        throw OptimizerStateError(.unexpectedTensor, name: entry.name)
      }
      restored[String(entry.name.dropFirst("velocity.".count))] = entry.value
    }
    velocities = restored
  }
}
