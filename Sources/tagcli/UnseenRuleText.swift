import Tagger

extension SeenWords.Rule {
  /// What made a word unseen, in the words of the terminal and HTML reports.
  var explanation: String {
    switch self {
    case .exactForm:
      return "unseen: the exact form never occurs in the training data"
    case .modelVocabulary:
      return "unseen: not in the model's word vocabulary (case and digits folded, rare words left"
        + " out), as this model file stores no training forms; not comparable with other"
        + " taggers' figures (eval --train FILE gives the standard split)"
    }
  }
}
