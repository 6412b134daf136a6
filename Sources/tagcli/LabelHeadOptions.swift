import ArgumentParser
import Tagger

extension SentencePooling: ExpressibleByArgument {}

/// How `tagcli train --label KEY` builds and weighs the sentence-label head.
struct LabelHeadOptions: ParsableArguments {
  @Option(help: "How the label head reads the sentence: last (final states), max or mean.")
  var pooling: SentencePooling?

  @Option(help: "Weight of the label loss next to the tag loss (two heads).")
  var labelWeight: Float?

  /// Checks the values and that they go with a label head.
  func validate(hasLabel: Bool) throws {
    if !hasLabel, pooling != nil || labelWeight != nil {
      throw ValidationError("--pooling and --label-weight go with --label KEY")
    }
    if let labelWeight, !(labelWeight > 0 && labelWeight.isFinite) {
      throw ValidationError("--label-weight must be a positive number; got \(labelWeight)")
    }
  }

  /// The label head for labels named `key`.
  func head(key: String) -> ModelHeads.SentenceLabel {
    ModelHeads.SentenceLabel(key: key, pooling: pooling ?? .last, lossWeight: labelWeight ?? 1)
  }
}
