/// A value made of named `Matrix` parameters: a layer, a stack of layers, a whole model.
///
/// The one list of named parameters drives the optimizer, the model file and the gradient checks.
/// Gradients use the same type, zero-filled (`zeroedCopy()`), so shapes can never disagree.
/// Containers prefix their children's names: `"layers.0.forward.wx"`.
public protocol ParameterContainer {
  /// Every parameter with its name, in a fixed order.
  var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] { get }

  /// Calls `body` on every parameter in `parameterPaths` order, in place.
  ///
  /// The default goes through `parameterPaths`. A key path with a computed component (an array
  /// element, an optional child behind a computed property) is written through its getter and
  /// setter, so the write copies the whole matrix first; containers with such children implement
  /// this requirement by hand so that optimiser steps, zeroing and averaging write in place.
  mutating func updateParameters(_ body: (inout Matrix) -> Void)
}

extension ParameterContainer {
  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    for entry in parameterPaths { body(&self[keyPath: entry.path]) }
  }

  /// The parameters of a child container, named `prefix.childName` and reached through `child`.
  public func prefixedPaths<Child: ParameterContainer>(
    _ prefix: String, _ child: WritableKeyPath<Self, Child>
  ) -> [(name: String, path: WritableKeyPath<Self, Matrix>)] {
    self[keyPath: child].parameterPaths.map { entry in
      (name: prefix + "." + entry.name, path: child.appending(path: entry.path))
    }
  }

  /// A copy with every parameter set to zero: the gradient accumulator of this value.
  public func zeroedCopy() -> Self {
    var copy = self
    copy.updateParameters { $0.zero() }
    return copy
  }

  /// Sets every parameter to zero in place, keeping allocations.
  public mutating func zeroParameters() {
    updateParameters { $0.zero() }
  }

  /// One step of an exponential moving average of the weights: every parameter moves towards
  /// the same one of `target` by `1 − decay`, in place. The decay ramps up as
  /// `(1 + t) / (10 + t)` after `steps` updates until it reaches `maxDecay`, so that early
  /// averages are not dominated by the initial weights.
  ///
  /// - Parameter usingTwoThreads: splits each large parameter over two cores.
  public mutating func moveAverage(
    towards target: Self, afterSteps steps: Int, maxDecay: Float, usingTwoThreads: Bool
  ) {
    let decay = min(maxDecay, (1 + Float(steps)) / (10 + Float(steps)))
    let paths = target.parameterPaths
    var index = 0
    updateParameters { average in
      average.moveAverage(
        towards: target[keyPath: paths[index].path], decay: decay,
        usingTwoThreads: usingTwoThreads)
      index += 1
    }
  }

  /// The named parameters as values.
  public var namedParameters: [(name: String, value: Matrix)] {
    parameterPaths.map { (name: $0.name, value: self[keyPath: $0.path]) }
  }

  /// The total number of scalar parameters.
  public var parameterCount: Int {
    parameterPaths.reduce(0) { $0 + self[keyPath: $1.path].count }
  }
}
