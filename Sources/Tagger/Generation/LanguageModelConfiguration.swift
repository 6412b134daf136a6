/// How a decoder sees the previous symbol.
public enum DecoderInput: String, Codable, CaseIterable, Sendable {
  /// A one-hot vector of the vocabulary's width (the classic character RNN).
  case onehot
  /// A learned embedding row.
  case embedding
}

/// The hyperparameters of a character language model; saved in its model file.
public struct LanguageModelConfiguration: Codable, Sendable, Equatable {
  /// The recurrent cell.
  public var cell = CellKind.lstm
  /// How the previous character enters the network.
  public var input = DecoderInput.embedding
  /// The embedding size (ignored for one-hot input).
  public var embeddingSize = 32
  /// Unidirectional recurrent layers.
  public var layerCount = 2
  /// The hidden size of each layer.
  public var hiddenSize = 256
  /// Dropout on the output of every recurrent layer during training (0 turns it off).
  public var dropout: Float = 0.2
  /// The rate of dropping recurrent weights in training (`RecurrentDecoder.weightDrop`); nil
  /// (and in every file written before it) is 0.
  public var weightDrop: Float?

  /// The defaults: the EWT-sized budget of issue 13 (about 1 M characters, 15 minutes on two
  /// cores) favours a mid-sized LSTM. Without dropout it overfits from the ninth epoch on; with
  /// 0.2 dev bits/char still fall at the twentieth (see Benchmarks/RESULTS.md).
  public init() {}
}
