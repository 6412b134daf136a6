import Foundation
import Tagger

extension EvalCommand {
  /// The fewest words on which a predicted layer equal to the gold one everywhere is taken for
  /// a copy: a tagger right on every one of a thousand words is far less likely than a file
  /// that was never tagged in that layer.
  static let copiedLayerMinimumTokens = 1_000

  /// Warns, on standard error, when the `--pred` file's layer equals the gold layer on every
  /// word of a large file. `tag --input conllu` keeps the gold layers its model does not fill
  /// (the gold UPOS, when an `xpos` model tagged the gold file), so scoring one of those
  /// reports 100 % for a layer that was never predicted.
  func warnIfCopied(_ scores: Scores, layer: String) {
    guard pred != nil, scores.tokens >= Self.copiedLayerMinimumTokens,
      scores.correctTokens == scores.tokens
    else { return }
    let message =
      "warning: the predicted \(layer) equals the gold \(layer) on all \(scores.tokens) words: "
      + "a copy of the gold file keeps the layers its tagger did not fill; "
      + "score the layer it filled with --tag\n"
    FileHandle.standardError.write(Data(message.utf8))
  }
}
