/// Updates parameters from their gradients, one step at a time.
///
/// Parameters and gradients are the same `ParameterContainer` type; the optimizer walks
/// `parameterPaths` and keys its per-parameter state by the parameter names, so a checkpoint of
/// the state lines up with the model file. Per-parameter state tensors are named
/// `<slot>.<parameter name>` (`"m.output.weight"`); scalar state has a name without a dot
/// (`"step"`).
public protocol Optimizer {
  /// The step size; the trainer lowers it when the dev accuracy stalls.
  var learningRate: Float { get set }
  /// Updates `parameters` from `gradients` (same type, same names), keyed by parameter names.
  mutating func update<Model: ParameterContainer>(_ parameters: inout Model, gradients: Model)
  /// The optimizer state as named matrices (for checkpoints) and its restoration.
  var state: [(name: String, value: Matrix)] { get }
  /// Replaces the whole state with `state`, as returned by `state`.
  ///
  /// - Throws: `OptimizerStateError` for unknown, missing or inconsistent tensors.
  mutating func restore(state: [(name: String, value: Matrix)]) throws
}

extension Optimizer {
  /// Restores `state` after checking every per-parameter tensor against `model`.
  ///
  /// A tensor `<slot>.<name>` must name a parameter of `model` and have its shape; use this when
  /// the state comes from a file, so a mismatch is a thrown error rather than a trap at the next
  /// `update`.
  ///
  /// - Throws: `OptimizerStateError` for a tensor that names no parameter, has the wrong shape,
  ///   or fails the optimizer's own `restore(state:)` checks.
  public mutating func restore<Model: ParameterContainer>(
    state: [(name: String, value: Matrix)], matching model: Model
  ) throws {
    let shapes = Dictionary(
      model.namedParameters.map { ($0.name, $0.value.shape) },
      uniquingKeysWith: { first, _ in first })
    for entry in state {
      guard let dot = entry.name.firstIndex(of: ".") else { continue }
      let parameterName = String(entry.name[entry.name.index(after: dot)...])
      guard let expected = shapes[parameterName] else {
        throw OptimizerStateError(.unexpectedTensor, name: entry.name)
      }
      guard entry.value.shape == expected else {
        throw OptimizerStateError(
          .wrongShape(found: entry.value.shape, expected: expected), name: entry.name)
      }
    }
    try restore(state: state)
  }
}

extension Matrix {
  /// The element ranges an optimizer step must visit.
  ///
  /// All of the storage, or, when `skippingZeroRows`, only the rows with a nonzero element, with
  /// consecutive rows merged into one range. This is how sparse (embedding) gradients stay cheap:
  /// an untouched row costs one scan for zeros instead of an update of its state.
  func updateRanges(skippingZeroRows: Bool) -> [Range<Int>] {
    guard skippingZeroRows else { return [0..<count] }
    var ranges: [Range<Int>] = []
    var runStart: Int? = nil
    for row in 0..<rows {
      if isZeroRow(row) {
        if let start = runStart { ranges.append(start &* columns..<row &* columns) }
        runStart = nil
      } else if runStart == nil {
        runStart = row
      }
    }
    if let start = runStart { ranges.append(start &* columns..<rows &* columns) }
    return ranges
  }
}
