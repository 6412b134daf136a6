/// A named set of network sizes for `tagcli train --preset`; options given explicitly win.
public enum TrainingPreset: String, CaseIterable, Codable, Sendable {
  /// Two bidirectional LSTM layers of 128 and a character BiLSTM (32 → 2 × 50): the most
  /// accurate default.
  case accurate
  /// One bidirectional LSTM layer of 64, and hashed prefix/suffix embeddings (50) with a shape
  /// embedding (16) instead of the character BiLSTM: several times faster to tag.
  case fast

  /// Bidirectional layers.
  public var layerCount: Int { self == .fast ? 1 : 2 }
  /// Hidden size per direction.
  public var hiddenSize: Int { self == .fast ? 64 : 128 }
  /// Character LSTM size per direction (0: no character encoder).
  public var characterHiddenSize: Int { self == .fast ? 0 : 50 }
  /// Hashed affix embedding size (0: no affix encoder).
  public var affixEmbeddingSize: Int { self == .fast ? 50 : 0 }
  /// Shape embedding size, used with the affixes.
  public var shapeEmbeddingSize: Int { 16 }
}
