/// What `BidirectionalStack.backward` needs from a forward run.
public struct StackCache: Sendable {
  /// One layer's caches: the dropout mask applied to its input (nil for the first layer or
  /// without dropout) and both directions' caches.
  struct Layer: Sendable {
    let inputMask: Matrix?
    let forward: RecurrentCache
    let backward: RecurrentCache
  }

  /// The batch layout of the run.
  let batch: SequenceBatch
  /// The layers' caches, bottom first.
  let layers: [Layer]
  /// Layer 0's input when the skip connections project it (for the projection's gradient).
  var projectionInput: Matrix? = nil

  /// The final LSTM cell states, `[B, H]` each, in the order of `finalHidden` (layer-major,
  /// forward before backward: PyTorch's `c_n`); empty for GRU and RNN stacks.
  public var finalCell: [Matrix] {
    layers.flatMap { [$0.forward.finalCell, $0.backward.finalCell].compactMap { $0 } }
  }
}
