/// The two directions of one layer of a `BidirectionalStack`.
public struct BidirectionalLayer: ParameterContainer, Sendable, Equatable {
  /// The direction that runs from step 0 to each sequence's last valid step.
  public var forward: RecurrentLayer
  /// The direction that runs from each sequence's last valid step down to step 0.
  public var backward: RecurrentLayer

  /// A layer from its two directions (same cell, input and hidden sizes).
  public init(forward: RecurrentLayer, backward: RecurrentLayer) {
    precondition(
      forward.kind == backward.kind && forward.wx.shape == backward.wx.shape
        && forward.wh.shape == backward.wh.shape,
      "BidirectionalLayer: forward \(forward.kind) wx \(forward.wx.shape) wh \(forward.wh.shape),"
        + " backward \(backward.kind) wx \(backward.wx.shape) wh \(backward.wh.shape)")
    self.forward = forward
    self.backward = backward
  }

  /// `"forward.wx"`, …, `"backward.bh"`.
  public var parameterPaths: [(name: String, path: WritableKeyPath<BidirectionalLayer, Matrix>)] {
    prefixedPaths("forward", \.forward) + prefixedPaths("backward", \.backward)
  }

  /// In place, in `parameterPaths` order (through the layers' own `updateParameters`, not the
  /// key paths, which would copy their observed weights).
  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    forward.updateParameters(body)
    backward.updateParameters(body)
  }
}
