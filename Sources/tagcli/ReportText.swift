import Foundation
import Tagger

/// The terminal report of `tagcli eval`: summary lines, the per-tag table sorted by support, the
/// most frequent confusions and the chunk figures.
enum ReportText {
  /// What was compared, for the first lines.
  struct Heading {
    var gold: String
    var goldLayer: String
    var predicted: String
    var predictedLayer: String
    /// The name of the scored sentence labels, nil when none are scored.
    var goldLabel: String? = nil
  }

  /// ANSI styles, used only when standard output is a terminal.
  enum Style: String {
    case bold = "\u{1B}[1m"
    case dim = "\u{1B}[2m"
    case red = "\u{1B}[31m"
    case yellow = "\u{1B}[33m"
    case green = "\u{1B}[32m"

    static let reset = "\u{1B}[0m"

    /// `text` in this style when `isOn`.
    func apply(_ text: String, if isOn: Bool) -> String {
      isOn ? rawValue + text + Style.reset : text
    }

    /// Green from 90, yellow from 70, red below: the colour of a percentage.
    static func grade(_ percentage: Double) -> Style {
      percentage >= 90 ? .green : percentage >= 70 ? .yellow : .red
    }
  }

  /// The whole report, ending with a line break.
  static func render(_ scores: Scores, heading: Heading, isColored: Bool) -> String {
    var text = summary(scores, heading: heading, isColored: isColored) + "\n"
    text += tagTable(scores, isColored: isColored)
    if !scores.topConfusions.isEmpty {
      text += "\n" + Style.bold.apply("most frequent confusions (gold → predicted)", if: isColored)
      text += "\n" + confusionTable(scores.topConfusions)
    }
    if let chunks = scores.chunks {
      text += "\n" + chunkSection(chunks, isColored: isColored)
    }
    return text
  }

  /// A percentage with two decimals.
  static func figure(_ value: Double) -> String { String(format: "%.2f", value) }

  static func summary(_ scores: Scores, heading: Heading, isColored: Bool) -> String {
    var lines = [
      "gold       \(heading.gold) (\(heading.goldLayer))",
      "predicted  \(heading.predicted) (\(heading.predictedLayer))",
      "tokens     \(scores.tokens)   accuracy "
        + Style.bold.apply(figure(scores.accuracy) + " %", if: isColored)
        + "   (\(scores.correctTokens) correct)",
      "sentences  \(scores.sentences)   sentence accuracy \(figure(scores.sentenceAccuracy)) %",
    ]
    if let seenTokens = scores.seenTokens, let unseenTokens = scores.unseenTokens {
      let seen = scores.seen.map { figure($0) + " %" } ?? "-"
      let unseen = scores.unseen.map { figure($0) + " %" } ?? "-"
      lines.append("seen words \(seenTokens) tokens, accuracy \(seen)")
      lines.append("unseen     \(unseenTokens) tokens, accuracy \(unseen)")
      if let rule = scores.unseenRule { lines.append("           (\(rule.explanation))") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func tagTable(_ scores: Scores, isColored: Bool) -> String {
    classTable(
      header: "tag", rows: scores.tagsBySupport.map { ($0.tag, $0.scores) },
      averages: (scores.macroAverage, scores.weightedAverage), total: scores.tokens,
      isColored: isColored)
  }

  /// Per-class figures sorted as given, then the macro and weighted averages over `total` units.
  static func classTable(
    header: String, rows: [(String, TagScores)], averages: (AveragedScores, AveragedScores),
    total: Int, isColored: Bool
  ) -> String {
    var table = TableLayout(
      headers: [header, "support", "predicted", "correct", "precision", "recall", "F1"],
      alignments: [.left, .right, .right, .right, .right, .right, .right])
    for (name, classScores) in rows {
      table.append(
        [
          name, String(classScores.support), String(classScores.predicted),
          String(classScores.correct), figure(classScores.precision), figure(classScores.recall),
          figure(classScores.f1),
        ])
    }
    for (name, average) in [("macro avg", averages.0), ("weighted avg", averages.1)] {
      table.append(
        [
          name, String(total), "", "", figure(average.precision), figure(average.recall),
          figure(average.f1),
        ])
    }
    let bodyRows = rows.count
    return table.render { row, column, cell in
      if row < 0 { return Style.bold.apply(cell, if: isColored) }
      if row >= bodyRows { return Style.dim.apply(cell, if: isColored) }
      guard column == 6, let value = Double(cell.trimmingCharacters(in: .whitespaces)) else {
        return cell
      }
      return Style.grade(value).apply(cell, if: isColored)
    }
  }

  static func confusionTable(_ confusions: [Confusion]) -> String {
    var table = TableLayout(
      headers: ["gold", "predicted", "count", "examples"],
      alignments: [.left, .left, .right, .left])
    for confusion in confusions {
      table.append(
        [
          confusion.gold, confusion.predicted, String(confusion.count),
          confusion.examples.map { "\"\($0)\"" }.joined(separator: ", "),
        ])
    }
    return table.render(indent: 2)
  }

  static func chunkSection(_ chunks: ChunkScores, isColored: Bool) -> String {
    var text = Style.bold.apply(
      "chunks (\(chunks.scheme.rawValue), conlleval rules)", if: isColored)
    text += "\n  \(chunks.goldChunks) gold, \(chunks.predictedChunks) predicted, "
    text += "\(chunks.correctChunks) correct; token accuracy \(figure(chunks.tokenAccuracy)) %\n"
    var table = TableLayout(
      headers: ["type", "gold", "predicted", "correct", "precision", "recall", "F1"],
      alignments: [.left, .right, .right, .right, .right, .right, .right])
    table.append(
      [
        "all", String(chunks.goldChunks), String(chunks.predictedChunks),
        String(chunks.correctChunks), figure(chunks.precision), figure(chunks.recall),
        figure(chunks.f1),
      ])
    let types = chunks.types.sorted { ($0.value.support, $1.key) > ($1.value.support, $0.key) }
    for (type, scores) in types {
      table.append(
        [
          type, String(scores.support), String(scores.predicted), String(scores.correct),
          figure(scores.precision), figure(scores.recall), figure(scores.f1),
        ])
    }
    return text
      + table.render(indent: 2) { row, _, cell in
        row <= 0 ? Style.bold.apply(cell, if: isColored) : cell
      }
  }
}
