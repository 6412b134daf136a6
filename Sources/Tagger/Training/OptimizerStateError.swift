/// Optimizer state that cannot be restored: a checkpoint whose optimizer tensors do not fit.
///
/// The description names the tensor and says what was expected and what was found, e.g.
/// `optimizer state "m.output.weight" is [17, 256], expected [17, 128]`. The model-file reader
/// prefixes it with the file's path.
public struct OptimizerStateError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// A tensor name this optimizer does not use.
    case unexpectedTensor
    /// A tensor this optimizer needs is absent (its name is given).
    case missingTensor
    /// A tensor has the wrong shape (found, expected).
    case wrongShape(found: [Int], expected: [Int])
    /// A step counter that is not a non-negative whole number.
    case invalidStep(Float)
  }

  /// What went wrong.
  public var kind: Kind
  /// The state tensor concerned.
  public var name: String

  /// Creates an error.
  public init(_ kind: Kind, name: String) {
    self.kind = kind
    self.name = name
  }

  public var description: String {
    switch kind {
    case .unexpectedTensor: return "unexpected optimizer state \"\(name)\""
    case .missingTensor: return "missing optimizer state \"\(name)\""
    case .wrongShape(let found, let expected):
      return "optimizer state \"\(name)\" is \(found), expected \(expected)"
    case .invalidStep(let value):
      return "optimizer state \"\(name)\" is \(value), expected a non-negative whole number"
    }
  }
}
