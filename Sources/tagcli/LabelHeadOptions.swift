import ArgumentParser
import Tagger

extension SentencePooling: ExpressibleByArgument {}

/// How `tagcli train --label KEY` builds and weighs the sentence-label head.
struct LabelHeadOptions: ParsableArguments {
  @Option(
    help: """
      How the label head reads the sentence: last (final states), max or mean. Default: last \
      for a label head alone, mean beside a tag head (--tag and --label).
      """)
  var pooling: SentencePooling?

  @Option(
    help: """
      Weight of the label loss in the sum with the tag loss. Default: 0.5 beside a tag head, \
      1 for a label head alone.
      """)
  var labelWeight: Float?

  @Option(
    help: """
      Label smoothing E of the label loss: the training target puts 1 - E on the gold label \
      and spreads E evenly over all labels (0: off). Default: \
      \(ModelHeads.SentenceLabel.defaultSmoothing).
      """)
  var labelSmoothing: Float?

  /// Checks the values and that they go with a label head.
  func validate(hasLabel: Bool) throws {
    if !hasLabel, pooling != nil || labelWeight != nil || labelSmoothing != nil {
      throw ValidationError("--pooling, --label-weight and --label-smoothing go with --label KEY")
    }
    if let labelWeight, !(labelWeight > 0 && labelWeight.isFinite) {
      throw ValidationError("--label-weight must be a positive number; got \(labelWeight)")
    }
    if let labelSmoothing, !(0..<1).contains(labelSmoothing) {
      throw ValidationError("--label-smoothing must be in [0, 1); got \(labelSmoothing)")
    }
  }

  /// The label head for labels named `key`, trained beside a tag head or alone (the defaults
  /// differ: `ModelHeads.SentenceLabel.init(key:besideTagHead:pooling:lossWeight:smoothing:)`).
  func head(key: String, besideTagHead: Bool) -> ModelHeads.SentenceLabel {
    ModelHeads.SentenceLabel(
      key: key, besideTagHead: besideTagHead, pooling: pooling, lossWeight: labelWeight,
      smoothing: labelSmoothing)
  }
}
