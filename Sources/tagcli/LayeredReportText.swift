import Foundation
import Tagger

/// The terminal report of several tag layers (UPOS, XPOS, FEATS): a summary table of each
/// layer's accuracy with AllTags below it, then each layer's own report.
enum LayeredReportText {
  /// The whole report, ending with a line break; `heading` names the files (its layers are
  /// replaced by each layer's name).
  static func render(_ scores: LayeredScores, heading: ReportText.Heading, isColored: Bool)
    -> String
  {
    typealias Style = ReportText.Style
    let width = max(8, scores.layerNames.map(\.count).max() ?? 0) + 2
    func padded(_ text: String) -> String {
      text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
    var text = Style.bold.apply("tag layers", if: isColored) + "\n"
    text += padded("layer") + "accuracy   seen       unseen\n"
    for (name, layer) in zip(scores.layerNames, scores.layers) {
      let seen = layer.seen.map { ReportText.figure($0) + " %" } ?? "-"
      let unseen = layer.unseen.map { ReportText.figure($0) + " %" } ?? "-"
      text += padded(name) + (ReportText.figure(layer.accuracy) + " %").padding(
        toLength: 11, withPad: " ", startingAt: 0)
      text += seen.padding(toLength: 11, withPad: " ", startingAt: 0) + unseen + "\n"
    }
    text +=
      padded("AllTags")
      + Style.bold.apply(ReportText.figure(scores.allTags.accuracy) + " %", if: isColored)
      + "    (\(scores.allTags.correctTokens) of \(scores.allTags.tokens) words with every tag layer right"
      + (scores.layerNames.contains(LayeredTagEvaluator.lemmaLayerName) ? ", lemmas aside" : "")
      + ")\n"
    for (name, layer) in zip(scores.layerNames, scores.layers) {
      var layerHeading = heading
      layerHeading.goldLayer = name
      layerHeading.predictedLayer = name
      text += "\n" + Style.bold.apply("— \(name) —", if: isColored) + "\n"
      text += ReportText.render(layer, heading: layerHeading, isColored: isColored)
    }
    return text
  }
}
