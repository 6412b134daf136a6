import Foundation
import Tagger

/// The terminal report of the sentence-label head: accuracy, the per-label table sorted by
/// support, labels the model cannot predict, and the most frequent confusions with examples.
enum LabelReportText {
  /// The whole section, ending with a line break; `key` names the label (`class`).
  static func render(_ scores: LabelScores, key: String, isColored: Bool = false) -> String {
    typealias Style = ReportText.Style
    var text = "\n" + Style.bold.apply("sentence labels (\(key))", if: isColored) + "\n"
    text +=
      "sentences  \(scores.sentences)   label accuracy "
      + Style.bold.apply(ReportText.figure(scores.accuracy) + " %", if: isColored)
      + "   (\(scores.correct) correct)\n"
    if let unknown = scores.unknownLabels, !unknown.isEmpty {
      text += "labels the model never saw (counted as errors): \(unknown.joined(separator: ", "))\n"
    }
    text += ReportText.classTable(
      header: "label", rows: scores.labelsBySupport.map { ($0.label, $0.scores) },
      averages: (scores.macroAverage, scores.weightedAverage), total: scores.sentences,
      isColored: isColored)
    if !scores.topConfusions.isEmpty {
      text +=
        "\n" + Style.bold.apply("most frequent label confusions (gold → predicted)", if: isColored)
      text += "\n" + ReportText.confusionTable(scores.topConfusions)
    }
    return text
  }
}

/// The JSON of `tagcli eval --json` and `train --json`: the tag figures' keys (with a tag head),
/// a `labels` object (with a label head) and a `calibration` object (a model's tag probabilities).
enum EvaluationJSON {
  /// One JSON object, keys sorted.
  ///
  /// - Throws: `EncodingError` when a figure cannot be encoded (never for finite numbers).
  ///
  /// With several tag layers (`layered`), the tag figures are a `layers` object keyed by layer
  /// name, each holding that layer's figures, and `alltags` (words with every layer right).
  static func text(
    tags: Scores?, labels: LabelScores?, calibration: CalibrationReport? = nil,
    layered: LayeredScores? = nil, lemmaSources: LemmaSourceCounts? = nil
  ) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard labels != nil || calibration != nil || layered != nil else {
      return String(decoding: try encoder.encode(tags), as: UTF8.self)
    }
    var object: [String: Any] = [:]
    if let tags {
      object = try JSONSerialization.jsonObject(with: encoder.encode(tags)) as? [String: Any] ?? [:]
    }
    if let layered {
      var layers: [String: Any] = [:]
      for (name, scores) in zip(layered.layerNames, layered.layers) {
        layers[name] = try JSONSerialization.jsonObject(with: encoder.encode(scores))
      }
      object["layers"] = layers
      object["alltags"] = try JSONSerialization.jsonObject(with: encoder.encode(layered.allTags))
    }
    if let lemmaSources {  // which rule answered each word: {"dictionary": N, "copy": N, …}
      var sources: [String: Int] = [:]
      for source in LemmaDictionary.Source.allCases {
        sources[source.rawValue] = lemmaSources.counts[source] ?? 0
      }
      object["lemma_sources"] = sources
    }
    if let labels {
      object["labels"] = try JSONSerialization.jsonObject(with: encoder.encode(labels))
    }
    if let calibration {
      object["calibration"] = try JSONSerialization.jsonObject(with: encoder.encode(calibration))
    }
    let data = try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
  }
}
