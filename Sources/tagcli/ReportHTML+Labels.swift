import Tagger

extension ReportHTML {
  /// The sentence-label sections: accuracy and averages, per-label F1 chart and table, the
  /// confusion matrix and the most frequent confusions with example sentences.
  static func labelSections(_ labels: LabelScores) -> String {
    let items = [
      (
        "label accuracy", figure(labels.accuracy) + " %",
        "\(labels.correct) of \(labels.sentences) sentences"
      ),
      ("label macro F1", figure(labels.macroAverage.f1), "\(labels.perLabel.count) labels"),
      ("label weighted F1", figure(labels.weightedAverage.f1), ""),
    ]
    let spans = items.map { "<span>\($0.0)<br><b>\($0.1)</b><br><small>\($0.2)</small></span>" }
    var body = "<div class=\"figures\">" + spans.joined() + "</div>\n"
    let sorted = labels.labelsBySupport
    let chart = ReportSVG.barChart(
      sorted.map { (label: $0.label, value: $0.scores.f1, note: "(\($0.scores.support))") })
    let rows =
      sorted.map { label, scores in
        [
          label, String(scores.support), String(scores.predicted), String(scores.correct),
          figure(scores.precision), figure(scores.recall), figure(scores.f1),
        ]
      }
      + [("macro avg", labels.macroAverage), ("weighted avg", labels.weightedAverage)].map {
        [$0.0, "", "", "", figure($0.1.precision), figure($0.1.recall), figure($0.1.f1)]
      }
    let table = table(
      ["label", "support", "predicted", "correct", "precision", "recall", "F1"], rows)
    body += section("Sentence labels: per-label F1 (sorted by support)", chart + table)
    if let unknown = labels.unknownLabels, !unknown.isEmpty {
      body += section(
        "Labels the model never saw (counted as errors)",
        "<p>" + ReportSVG.escape(unknown.joined(separator: ", ")) + "</p>")
    }
    body += section(
      "Sentence-label confusion matrix (rows: gold, columns: predicted)",
      ReportSVG.heatMap(labels.confusion))
    if !labels.topConfusions.isEmpty {
      body += section("Most frequent label confusions", confusionTable(labels.topConfusions))
    }
    return body
  }
}
