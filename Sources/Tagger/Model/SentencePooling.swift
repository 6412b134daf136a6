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

extension SentencePooling {
  /// The pooling of a label head trained without a choice: `last` for a sentence classifier
  /// alone, `mean` beside a tag head. With `last`, the label's whole gradient enters the stack at
  /// the two end states and runs back through the sequence, pulling the states the tag head reads
  /// towards the label; `mean` spreads it over every word, as the tag loss is spread. On NPS Chat
  /// dev (POS and dialogue acts) a joint model lost about a POS point against the tagger alone
  /// with `last` and 0.2 with `mean` (at the label weight 0.5 it also has by default), and kept
  /// its label accuracy (see `Benchmarks/RESULTS.md`, 2026-12-03, twelfth session).
  public static func defaultChoice(besideTagHead: Bool) -> SentencePooling {
    besideTagHead ? .mean : .last
  }
}
