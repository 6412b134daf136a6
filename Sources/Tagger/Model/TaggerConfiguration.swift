/// The hyperparameters of a tagger network and of its input encoding.
///
/// Saved in the model file; loading checks every tensor's shape against these values.
public struct TaggerConfiguration: Codable, Sendable, Equatable {
  /// The recurrent cell: `lstm`, `gru` or `rnn`.
  public var cell: String = "lstm"
  /// Number of bidirectional layers.
  public var layerCount = 2
  /// Hidden size per direction.
  public var hiddenSize = 128
  /// Word embedding size.
  public var wordEmbeddingSize = 100
  /// Character embedding size.
  public var characterEmbeddingSize = 32
  /// Character LSTM hidden size per direction; 0 turns the character encoder off.
  public var characterHiddenSize = 50
  /// Dropout on the stack's input and output and between its layers.
  public var dropout: Float = 0.33
  /// Words seen fewer times than this in training are not in the vocabulary.
  public var minimumWordCount = 2
  /// Training-time replacement of a word by `<unk>` with probability `α / (α + count)`.
  public var wordDropoutAlpha: Float = 0.25
  /// Training-time replacement of each character the character encoder reads by `<unk>`, with
  /// this probability; nil (older models) or 0: none.
  public var characterDropout: Float?
  /// Lowercase words before the vocabulary lookup (the character encoder sees the original).
  public var lowercasesWords = true
  /// Fold digits to `0` before the vocabulary lookup.
  public var foldsDigits = true
  /// The tag head's output layer; nil (older models) is `softmax`.
  public var decoder: TagDecoder?
  /// Further input columns embedded beside the word; nil or empty: none.
  public var features: [InputFeature]?
  /// The size of the hashed prefix/suffix embeddings (`AffixEncoder`); nil or 0: none.
  public var affixEmbeddingSize: Int?
  /// The size of the word-shape embedding beside the affixes (used with them).
  public var shapeEmbeddingSize: Int?
  /// The rows the affixes are hashed into.
  public var affixBuckets: Int?
  /// Skip connections in the stack (`BidirectionalStack.isResidual`); nil (older models): none.
  public var residual: Bool?
  /// Label smoothing ε of every softmax tag layer's loss in training (`SoftmaxCrossEntropy`):
  /// the target puts 1 − ε on the gold tag and spreads ε evenly over the layer's tags. A CRF
  /// layer, trained on the sentence likelihood, has none. nil (older models, and
  /// `TaggerConfiguration()`) or 0: none; `tagcli train` gives its preset's
  /// (`TrainingPreset.tagSmoothing`).
  public var tagSmoothing: Float?

  /// The default configuration (the reference tagger).
  public init() {}

  /// The cell kind, validated.
  public var cellKind: CellKind? { CellKind(rawValue: cell) }

  /// The word normalisation of the vocabulary.
  public var normalization: Vocabulary.Normalization {
    Vocabulary.Normalization(lowercases: lowercasesWords, foldsDigits: foldsDigits)
  }

  /// Whether the network has a character encoder.
  public var usesCharacters: Bool { characterHiddenSize > 0 }

  /// Whether the stack adds each layer's input to its output.
  public var usesResidual: Bool { residual ?? false }

  /// Whether the network has an affix encoder.
  public var usesAffixes: Bool { (affixEmbeddingSize ?? 0) > 0 }

  /// The affix encoder's output width (0 without one).
  public var affixOutputSize: Int {
    usesAffixes ? (affixEmbeddingSize ?? 0) + (shapeEmbeddingSize ?? 0) : 0
  }

  /// The default number of affix rows: 16,384 (2¹⁴), about 1.6 MB of Float16 at size 50.
  public static let defaultAffixBuckets = 1 << 14

  /// The size of a token's input vector to the stack.
  public var stackInputSize: Int {
    wordEmbeddingSize + (usesCharacters ? 2 * characterHiddenSize : 0) + affixOutputSize
      + (features ?? []).reduce(0) { $0 + $1.embeddingSize }
  }
}
