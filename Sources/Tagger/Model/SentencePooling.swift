/// How the sentence-label head turns the top layer's states into one vector per sentence.
///
/// H = hidden size per direction; every choice gives `[B, 2H]`.
public enum SentencePooling: String, Codable, Sendable, CaseIterable {
  /// The final states: the forward direction's at the last real token and the backward
  /// direction's at the first, concatenated (PyTorch's `h_n[-2:]`, the classic RNN classifier).
  case last
  /// The element-wise maximum of the top layer's outputs over the real tokens.
  case max
  /// The mean of the top layer's outputs over the real tokens.
  case mean
}
