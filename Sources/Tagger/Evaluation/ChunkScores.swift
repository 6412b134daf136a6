/// Chunk (span) figures, conlleval style: overall and per chunk type.
public struct ChunkScores: Sendable, Codable, Equatable {
  /// The scheme the tags were read in (detected from the gold tags or forced by the caller).
  public var scheme: ChunkScheme
  /// Chunks in the gold tags.
  public var goldChunks: Int
  /// Chunks in the predicted tags.
  public var predictedChunks: Int
  /// Predicted chunks with the right start, end and type.
  public var correctChunks: Int
  /// `100 · correctChunks / predictedChunks`.
  public var precision: Double
  /// `100 · correctChunks / goldChunks`.
  public var recall: Double
  /// The harmonic mean of precision and recall (conlleval's FB1).
  public var f1: Double
  /// conlleval's "accuracy": the share of words whose whole tag (prefix and type) is right, 0-100.
  public var tokenAccuracy: Double
  /// Figures per chunk type (`support` = gold chunks of the type).
  public var types: [String: TagScores]

  /// Creates chunk figures.
  public init(
    scheme: ChunkScheme, goldChunks: Int, predictedChunks: Int, correctChunks: Int,
    precision: Double, recall: Double, f1: Double, tokenAccuracy: Double,
    types: [String: TagScores]
  ) {
    self.scheme = scheme
    self.goldChunks = goldChunks
    self.predictedChunks = predictedChunks
    self.correctChunks = correctChunks
    self.precision = precision
    self.recall = recall
    self.f1 = f1
    self.tokenAccuracy = tokenAccuracy
    self.types = types
  }

  enum CodingKeys: String, CodingKey {
    case scheme, precision, recall, f1, types
    case goldChunks = "gold_chunks"
    case predictedChunks = "predicted_chunks"
    case correctChunks = "correct_chunks"
    case tokenAccuracy = "token_accuracy"
  }
}
