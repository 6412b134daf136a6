/// The output layer of the tag head (`--decoder`): an independent softmax per word, or a
/// linear-chain CRF over the whole sentence.
public enum TagDecoder: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// A softmax classifier per word (the default, and every model without the key).
  case softmax
  /// A CRF layer on top of the per-word scores: trained on the sentence's log-likelihood and
  /// decoded with Viterbi by default.
  case crf

  public var description: String { rawValue }
}
