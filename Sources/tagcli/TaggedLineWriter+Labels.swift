import Corpora
import Foundation
import Tagger

/// Where a sentence label goes in each output of `tagcli tag`: before the words on a `wordtag`
/// line (`label<TAB>…`), in a `# KEY = …` comment (CoNLL-U, TSV), a JSON member, or a sentence
/// attribute (TIGER-XML). `--probs` and `--top K` add the label's probability and runners-up as
/// they do for tags.
extension TaggedLineWriter {
  /// The label with its probability and alternatives, separated like a tag's.
  func annotatedLabel(_ label: LabelPrediction, separator: String) -> String {
    var text = label.label
    if showsProbabilities { text += separator + String(format: "%.4f", label.probability) }
    if topK > 1 {
      text +=
        "|"
        + label.alternatives.map { "\($0.label):\(String(format: "%.4f", $0.probability))" }
        .joined(separator: "|")
    }
    return text
  }

  /// `label<TAB>` before a `wordtag` line; empty without a label.
  func labelPrefix(_ label: LabelPrediction?) -> String {
    label.map { annotatedLabel($0, separator: "/") + "\t" } ?? ""
  }

  /// `# KEY = label` (and `# KEY_prob`, `# KEY_top` lines when asked); empty without a label.
  func labelComment(_ label: LabelPrediction?) -> String {
    guard let label else { return "" }
    var text = "# \(labelKey) = \(label.label)\n"
    if showsProbabilities {
      text += "# \(labelKey)_prob = \(String(format: "%.4f", label.probability))\n"
    }
    if topK > 1 {
      text +=
        "# \(labelKey)_top = "
        + label.alternatives.map { "\($0.label):\(String(format: "%.4f", $0.probability))" }
        .joined(separator: ",") + "\n"
    }
    return text
  }

  /// The label's probability and alternatives as sentence attributes (the label itself is the
  /// sentence's `label`).
  func labelAttributes(_ label: LabelPrediction?) -> [(name: String, value: String)] {
    guard let label, showsProbabilities else { return [] }
    return [(name: labelKey + "_prob", value: String(format: "%.4f", label.probability))]
  }

  /// Adds `KEY`, `KEY_prob` and `KEY_top` members to a JSON line.
  func addLabel(_ label: LabelPrediction?, to object: inout [String: Any]) {
    guard let label else { return }
    object[labelKey] = label.label
    if showsProbabilities { object[labelKey + "_prob"] = Double(label.probability) }
    if topK > 1 {
      object[labelKey + "_top"] = label.alternatives.map {
        ["label": $0.label, "prob": Double($0.probability)] as [String: Any]
      }
    }
  }
}
