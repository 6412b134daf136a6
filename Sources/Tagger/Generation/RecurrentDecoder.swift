/// A unidirectional recurrent decoder over a symbol vocabulary: the reusable core of
/// autoregressive generation (a character language model; the decoder of a sequence-to-sequence
/// model, which supplies its own initial state).
///
/// V = vocabulary size, E = embedding size, H = hidden size, L = layers. The previous symbol
/// enters as a one-hot vector (`[1, V]`) or an embedding row (`[1, E]`); L `RecurrentLayer`s run
/// over it; `output` maps the last layer's hidden state to next-symbol logits (`[1, V]`). Dropout
/// (training only) follows every recurrent layer. Parameter names: `embedding.table`,
/// `layers.0.wx` …, `output.weight`, `output.bias`.
public struct RecurrentDecoder: ParameterContainer, Sendable, Equatable {
  /// How the previous symbol enters.
  public let input: DecoderInput
  /// The symbol embeddings, `[V, E]`; nil for one-hot input. Row 0 (`<pad>`) stays zero.
  public var embedding: Embedding?
  /// The recurrent layers, bottom first.
  public var layers: [RecurrentLayer]
  /// Hidden state to logits, `[V, H]`.
  public var output: Linear
  /// The dropout rate after each recurrent layer in training.
  public var dropout: Float
  /// The rate at which each recurrent weight (`Wh`) is dropped in training (DropConnect on the
  /// hidden-to-hidden weights, as in AWD-LSTM): one mask per layer and batch, shared by every
  /// step, kept weights scaled by `1/(1-rate)`. 0 turns it off and draws nothing.
  public var weightDrop: Float = 0

  /// A decoder initialised from `rng` (embedding, then layers bottom up, then the output layer).
  public init(
    cell: CellKind, input: DecoderInput, vocabularySize: Int, embeddingSize: Int,
    layerCount: Int, hiddenSize: Int, dropout: Float, using rng: inout SplitMix64
  ) {
    precondition(
      vocabularySize >= 2 && layerCount >= 1 && hiddenSize >= 1 && (0..<1).contains(dropout),
      "RecurrentDecoder: V \(vocabularySize), L \(layerCount), H \(hiddenSize), dropout \(dropout)")
    self.input = input
    self.dropout = dropout
    var inputSize = vocabularySize
    if input == .embedding {
      embedding = Embedding(vocabularySize: vocabularySize, dimension: embeddingSize, using: &rng)
      inputSize = embeddingSize
    }
    layers = []
    for _ in 0..<layerCount {
      layers.append(
        RecurrentLayer(kind: cell, inputSize: inputSize, hiddenSize: hiddenSize, using: &rng))
      inputSize = hiddenSize
    }
    output = Linear(inputSize: hiddenSize, outputSize: vocabularySize, using: &rng)
  }

  /// A decoder built from a language model's configuration.
  public init(
    configuration: LanguageModelConfiguration, vocabularySize: Int, using rng: inout SplitMix64
  ) {
    self.init(
      cell: configuration.cell, input: configuration.input, vocabularySize: vocabularySize,
      embeddingSize: configuration.embeddingSize, layerCount: configuration.layerCount,
      hiddenSize: configuration.hiddenSize, dropout: configuration.dropout, using: &rng)
    weightDrop = configuration.weightDrop ?? 0
  }

  /// V, the number of symbols.
  public var vocabularySize: Int { output.outputSize }

  /// H, the hidden size of the layers.
  public var hiddenSize: Int { output.inputSize }

  /// The cell of the layers.
  public var cell: CellKind { layers[0].kind }

  /// The zero state of `batchSize` sequences: one `RecurrentState` per layer.
  public func zeroState(batchSize: Int) -> [RecurrentState] {
    layers.map {
      RecurrentState.zeros(kind: $0.kind, batchSize: batchSize, hiddenSize: $0.hiddenSize)
    }
  }

  public var parameterPaths: [(name: String, path: WritableKeyPath<RecurrentDecoder, Matrix>)] {
    var paths: [(name: String, path: WritableKeyPath<RecurrentDecoder, Matrix>)] = []
    if embedding != nil { paths += prefixedPaths("embedding", \.embedding!) }
    for index in layers.indices { paths += prefixedPaths("layers.\(index)", \.layers[index]) }
    return paths + prefixedPaths("output", \.output)
  }

  /// In place, in `parameterPaths` order (an array element's key path would copy).
  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    if embedding != nil { embedding!.updateParameters(body) }
    for index in layers.indices { layers[index].updateParameters(body) }
    output.updateParameters(body)
  }
}
