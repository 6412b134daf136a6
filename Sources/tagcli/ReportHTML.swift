import Foundation
import Tagger

/// The self-contained HTML page of `tagcli eval --report`: inline CSS and inline SVG, no script
/// and nothing fetched from the network.
///
/// Sections: summary figures, per-tag F1 bars and table, seen / unseen accuracy, the confusion
/// matrix as a heat map, the most frequent confusions, chunk figures and, when a training log is
/// given, learning curves (training loss and development accuracy per epoch).
enum ReportHTML {
  /// The whole page.
  ///
  /// - Parameters:
  ///   - scores: the figures to show.
  ///   - title: the page title (what was compared).
  ///   - trainingLog: a model's epochs, drawn as learning curves; nil or empty draws none.
  ///   - layered: several tag layers' figures: a summary table with AllTags, then each layer's
  ///     sections under its name.
  static func page(
    scores: Scores?, labels: LabelScores? = nil, title: String,
    trainingLog: [TrainingLogEntry]? = nil, layered: LayeredScores? = nil
  ) -> String {
    var body = "<h1>\(ReportSVG.escape(title))</h1>\n"
    if let scores { body += tagSections(scores) }
    if let layered {
      let rows = zip(layered.layerNames, layered.layers).map { name, layer in
        [name, figure(layer.accuracy) + " %", layer.seen.map { figure($0) + " %" } ?? "-",
         layer.unseen.map { figure($0) + " %" } ?? "-"]
      }
      body += section(
        "Tag layers",
        table(
          ["layer", "accuracy", "seen", "unseen"],
          rows + [["AllTags", figure(layered.allTags.accuracy) + " %", "", ""]]))
      for (name, layer) in zip(layered.layerNames, layered.layers) {
        body += "<h1>\(ReportSVG.escape(name))</h1>\n" + tagSections(layer)
      }
    }
    if let labels { body += labelSections(labels) }
    if let trainingLog, !trainingLog.isEmpty {
      body += section("Learning curves", learningCurves(trainingLog))
    }
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8">
      <title>\(ReportSVG.escape(title))</title>
      <style>\(style)</style></head>
      <body>
      \(body)</body></html>

      """
  }

  /// The summary, per-tag, vocabulary, confusion and chunk sections of the tag figures.
  static func tagSections(_ scores: Scores) -> String {
    var body = summary(scores)
    body += section("Per-tag F1 (sorted by support)", perTagChart(scores) + perTagTable(scores))
    if let vocabularySection = seenUnseen(scores) {
      body += section("Seen and unseen words", vocabularySection)
    }
    let matrix = scores.confusionMatrix
    body += section(
      matrix.omittedLabels.map {
        "Confusion matrix of the \(matrix.labels.count) most frequent tags (\($0) more left out;"
          + " rows: gold, columns: predicted)"
      } ?? "Confusion matrix (rows: gold, columns: predicted)",
      ReportSVG.heatMap(matrix))
    if !scores.topConfusions.isEmpty {
      body += section("Most frequent confusions", confusionTable(scores.topConfusions))
    }
    if let chunks = scores.chunks {
      body += section("Chunks (\(chunks.scheme.rawValue), conlleval rules)", chunkTable(chunks))
    }
    return body
  }

  static let style = """
    body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
    h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}
    table{border-collapse:collapse;margin:8px 0}td,th{padding:2px 10px;text-align:right}
    td:first-child,th:first-child,.text{text-align:left}tr:nth-child(even){background:#f5f5f5}
    .figures span{display:inline-block;margin-right:28px}.figures b{font-size:20px}
    svg{display:block;margin:8px 0}svg text{font:11px system-ui,sans-serif;fill:#222}
    .grid{stroke:#e3e3e3}.axis{stroke:#888}.tick{fill:#666}.value{fill:#333}
    .chart-title{font-weight:bold}.cell{stroke:#fff}.count{font-size:10px}
    .curves svg{display:inline-block;margin-right:24px}
    """

  static func section(_ heading: String, _ content: String) -> String {
    "<section><h2>\(ReportSVG.escape(heading))</h2>\n\(content)\n</section>\n"
  }

  static func figure(_ value: Double) -> String { String(format: "%.2f", value) }

  static func summary(_ scores: Scores) -> String {
    var items = [
      (
        "accuracy", figure(scores.accuracy) + " %",
        "\(scores.correctTokens) of \(scores.tokens) tokens"
      ),
      (
        "sentence accuracy", figure(scores.sentenceAccuracy) + " %",
        "\(scores.correctSentences) of \(scores.sentences) sentences"
      ),
      ("macro F1", figure(scores.macroAverage.f1), "\(scores.tags.count) tags"),
    ]
    if let chunks = scores.chunks {
      items.append(("chunk F1", figure(chunks.f1), "\(chunks.goldChunks) gold chunks"))
    }
    let spans = items.map { "<span>\($0.0)<br><b>\($0.1)</b><br><small>\($0.2)</small></span>" }
    return "<div class=\"figures\">" + spans.joined() + "</div>\n"
  }

  static func perTagChart(_ scores: Scores) -> String {
    ReportSVG.barChart(
      scores.tagsBySupport.map {
        (label: $0.tag, value: $0.scores.f1, note: "(\($0.scores.support))")
      })
  }

  static func perTagTable(_ scores: Scores) -> String {
    let rows =
      scores.tagsBySupport.map { tag, tagScores in
        [
          tag, String(tagScores.support), String(tagScores.predicted), String(tagScores.correct),
          figure(tagScores.precision), figure(tagScores.recall), figure(tagScores.f1),
        ]
      } + [
        [
          "macro avg", "", "", "", figure(scores.macroAverage.precision),
          figure(scores.macroAverage.recall), figure(scores.macroAverage.f1),
        ],
        [
          "weighted avg", "", "", "", figure(scores.weightedAverage.precision),
          figure(scores.weightedAverage.recall), figure(scores.weightedAverage.f1),
        ],
      ]
    return table(["tag", "support", "predicted", "correct", "precision", "recall", "F1"], rows)
  }

  static func seenUnseen(_ scores: Scores) -> String? {
    guard let seenTokens = scores.seenTokens, let unseenTokens = scores.unseenTokens else {
      return nil
    }
    var items: [(label: String, value: Double, note: String)] = [
      (label: "all", value: scores.accuracy, note: "(\(scores.tokens) tokens)")
    ]
    if let seen = scores.seen {
      items.append((label: "seen", value: seen, note: "(\(seenTokens) tokens)"))
    }
    if let unseen = scores.unseen {
      items.append((label: "unseen", value: unseen, note: "(\(unseenTokens) tokens)"))
    }
    let note = scores.unseenRule.map { "\n<p>\(ReportSVG.escape($0.explanation))</p>" }
    return ReportSVG.barChart(items) + (note ?? "")
  }

  static func confusionTable(_ confusions: [Confusion]) -> String {
    table(
      ["gold", "predicted", "count", "examples"],
      confusions.map {
        [
          $0.gold, $0.predicted, String($0.count),
          $0.examples.map { "“\($0)”" }.joined(separator: ", "),
        ]
      })
  }

  static func chunkTable(_ chunks: ChunkScores) -> String {
    let overall = [
      "all", String(chunks.goldChunks), String(chunks.predictedChunks),
      String(chunks.correctChunks),
      figure(chunks.precision), figure(chunks.recall), figure(chunks.f1),
    ]
    let types = chunks.types.sorted { ($0.value.support, $1.key) > ($1.value.support, $0.key) }
    let rows =
      [overall]
      + types.map { type, scores in
        [
          type, String(scores.support), String(scores.predicted), String(scores.correct),
          figure(scores.precision), figure(scores.recall), figure(scores.f1),
        ]
      }
    return "<p>token accuracy \(figure(chunks.tokenAccuracy)) %</p>"
      + table(["type", "gold", "predicted", "correct", "precision", "recall", "F1"], rows)
  }

  static func learningCurves(_ log: [TrainingLogEntry]) -> String {
    let loss = ReportSVG.lineChart(
      title: "training loss", points: log.map { (x: Double($0.epoch), y: $0.trainLoss) },
      colour: "#c8553d", decimals: 3)
    let accuracy = ReportSVG.lineChart(
      title: "dev accuracy (%)", points: log.map { (x: Double($0.epoch), y: $0.devAccuracy) },
      colour: "#2b6cb0", decimals: 2)
    let hasSpans = log.contains { $0.devSpanF1 != nil }
    let spans =
      hasSpans
      ? ReportSVG.lineChart(
        title: "dev span F1 (%)",
        points: log.compactMap { entry in entry.devSpanF1.map { (x: Double(entry.epoch), y: $0) } },
        colour: "#2f855a", decimals: 2) : ""
    let rows = log.map {
      [String($0.epoch), String(format: "%.4f", $0.trainLoss), figure($0.devAccuracy)]
        + (hasSpans ? [$0.devSpanF1.map(figure) ?? "–"] : [])
        + [String(format: "%.1f", $0.seconds), String(format: "%.0f", $0.tokensPerSecond)]
    }
    return "<div class=\"curves\">\(loss)\(accuracy)\(spans)</div>"
      + table(
        ["epoch", "train loss", "dev accuracy"] + (hasSpans ? ["dev span F1"] : [])
          + ["seconds", "tokens/s"], rows)
  }

  /// An HTML table; every cell is escaped, numbers are right-aligned and text left-aligned.
  static func table(_ headers: [String], _ rows: [[String]]) -> String {
    let textColumns = Set(
      (rows.first ?? []).indices.filter { !rows[0][$0].isEmpty && Double(rows[0][$0]) == nil })
    let head = headers.indices.map { column in
      (textColumns.contains(column) ? "<th class=\"text\">" : "<th>")
        + ReportSVG.escape(headers[column]) + "</th>"
    }.joined()
    let body = rows.map { row in
      "<tr>"
        + row.map { cell in
          let isText = !cell.isEmpty && Double(cell) == nil
          return (isText ? "<td class=\"text\">" : "<td>") + ReportSVG.escape(cell) + "</td>"
        }.joined() + "</tr>"
    }.joined(separator: "\n")
    return "<table><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>"
  }
}
