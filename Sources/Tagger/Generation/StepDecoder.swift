/// A decoder that advances a batch of sequences one symbol at a time: what the samplers need.
///
/// Any conditioned decoder (a language model, a sequence-to-sequence decoder whose state also
/// holds its encoder's memory) conforms by saying how to feed one symbol per sequence and how to
/// pick sequences out of a batch state (beam search reorders its hypotheses).
public protocol StepDecoder {
  /// The state of a batch of sequences.
  associatedtype State

  /// V, the number of symbols the logits range over.
  var vocabularySize: Int { get }

  /// Feeds `symbols[b]` to sequence b, advances `state`, and returns the next-symbol logits,
  /// `[B, V]`.
  func step(_ symbols: [Int], state: inout State) -> Matrix

  /// The state of the sequences at `rows`, in that order (rows may repeat).
  func selecting(_ state: State, rows: [Int]) -> State
}

/// A `RecurrentDecoder` prepared for incremental inference: the first layer's input projection
/// is precomputed per symbol (`[V, G·H]`), so a step costs one table lookup plus, per layer, one
/// `[B × H]·[H × G·H]` product (and the upper layers' input projections) and the cell math. No
/// activations are kept.
public struct RecurrentStepDecoder: StepDecoder, Sendable {
  /// The decoder.
  public let decoder: RecurrentDecoder
  /// `x·Wxᵀ + bias` of the first layer for every symbol, `[V, G·H]`.
  let firstLayerTable: Matrix

  /// Prepares `decoder` for stepping.
  public init(_ decoder: RecurrentDecoder) {
    self.decoder = decoder
    let symbols = Array(0..<decoder.vocabularySize)
    firstLayerTable = decoder.layers[0].projectInput(decoder.embed(symbols))
  }

  public var vocabularySize: Int { decoder.vocabularySize }

  /// The state is one `RecurrentState` per layer.
  public func step(_ symbols: [Int], state: inout [RecurrentState]) -> Matrix {
    advance(symbols, state: &state)
    return decoder.output.forward(state[state.count - 1].hidden)
  }

  /// Feeds `symbols[b]` to sequence b and advances every layer's state, without the output
  /// layer (a head that reads the top hidden state itself, such as an attentional decoder).
  public func advance(_ symbols: [Int], state: inout [RecurrentState]) {
    precondition(
      state.count == decoder.layers.count && state.allSatisfy { $0.batchSize == symbols.count },
      "RecurrentStepDecoder.step: \(symbols.count) symbols for states \(state.map(\.batchSize))")
    var projected = firstLayerTable.gatheringRows(symbols)
    for index in decoder.layers.indices {
      if index > 0 { projected = decoder.layers[index].projectInput(state[index - 1].hidden) }
      decoder.layers[index].step(projectedInput: projected, state: &state[index])
    }
  }

  public func selecting(_ state: [RecurrentState], rows: [Int]) -> [RecurrentState] {
    state.map { $0.selecting(rows: rows) }
  }
}
