/// A named set of network sizes for `tagcli train --preset`; options given explicitly win.
public enum TrainingPreset: String, CaseIterable, Codable, Sendable {
  /// Two bidirectional LSTM layers of 128, a character BiLSTM (32 → 2 × 50) and, for models that
  /// tag words, small hashed prefix/suffix (32) and shape (8) embeddings beside it: the most
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
  /// Hashed affix embedding size (0: no affix encoder) of a model with a tag head
  /// (`tagsWords`) or of a sentence classifier alone. The accurate preset's affixes raised
  /// Turkish IMST dev UPOS by 2.3 points and left English EWT level, but cost a sentence
  /// classifier 1 point on NPS Chat dialogue acts, so a classifier alone has none
  /// (`Benchmarks/RESULTS.md`, eighth session).
  public func affixEmbeddingSize(tagsWords: Bool) -> Int {
    switch self {
    case .fast: 50
    case .accurate: tagsWords ? 32 : 0
    }
  }
  /// Dropout of a model with a tag head (`tagsWords`) or of a sentence classifier alone. A
  /// classifier alone overfits its one label per sentence sooner than a tagger does: on NPS Chat
  /// dialogue acts, 0.5 raised the accurate network's dev accuracy by 0.23 (ten seeds) and its
  /// accuracy on two held-out training rooms by 0.23 (six seeds), and it ran more epochs before
  /// its dev score stopped rising (`Benchmarks/RESULTS.md`, twenty-third session). The fast
  /// network was not measured, so it keeps the tagger's rate.
  public func dropout(tagsWords: Bool) -> Float {
    self == .accurate && !tagsWords ? 0.5 : 0.33
  }
  /// Shape embedding size, used with the affixes.
  public var shapeEmbeddingSize: Int { self == .fast ? 16 : 8 }
  /// Label smoothing of the softmax tag layers (`TaggerConfiguration.tagSmoothing`). It raised
  /// the accurate network's dev accuracy on Turkish IMST (+0.29 UPOS, +1.27 FEATS), English EWT
  /// (+0.03) and NPS Chat POS (+0.55), but cost the fast network 0.13 on EWT, so the fast preset
  /// has none (`Benchmarks/RESULTS.md`, nineteenth session).
  public var tagSmoothing: Float { self == .fast ? 0 : 0.1 }
}
