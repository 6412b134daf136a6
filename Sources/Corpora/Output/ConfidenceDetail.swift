/// Which confidence figures writers add to a tag or a label when the sentence has them
/// (`Sentence.tagConfidences`, `Sentence.labelConfidence`).
///
/// Each format has one place for them:
///
/// | format | tag | label |
/// |---|---|---|
/// | `word/TAG` | `word/TAG/0.9876\|TAG:0.9876\|OTHER:0.0100` | the same after the label, before the words (with `writesLabels`) |
/// | columns, TSV | `…<TAB>0.9876<TAB>TAG:0.9876 OTHER:0.0100` | `# KEY_prob = …`, `# KEY_top = …` lines (with `writesLabels`) |
/// | CoNLL-U, CoNLL-X | MISC `Prob=0.9876\|Top=TAG:0.9876,OTHER:0.0100` | `# KEY_prob = …`, `# KEY_top = …` after `# KEY = …` |
/// | JSON Lines | `"probs"`: numbers, `"top"`: `[{"tag", "prob"}]` per token | `"KEY_prob"`, `"KEY_top"`: `[{"label", "prob"}]` |
/// | TIGER-XML, TEI | a `prob` attribute (no alternatives) | a `KEY_prob` sentence attribute |
///
/// Text formats write a probability with four decimals; JSON writes the shortest number that
/// reads back as the same `Float`.
public struct ConfidenceDetail: OptionSet, Sendable, Hashable {
  public let rawValue: Int

  public init(rawValue: Int) {
    self.rawValue = rawValue
  }

  /// The chosen value's probability.
  public static let probability = ConfidenceDetail(rawValue: 1)
  /// The most probable values with their probabilities.
  public static let alternatives = ConfidenceDetail(rawValue: 2)

  /// The figures of a request for the probability (`probability`) and the `topCount` most
  /// probable values (`--probs`, `--top K`): a list of one value adds nothing to the value, so
  /// alternatives are written only for more than one.
  public init(probability: Bool, topCount: Int) {
    self = []
    if probability { insert(.probability) }
    if topCount > 1 { insert(.alternatives) }
  }
}

extension Confidence {
  /// A probability in text formats: four decimals (`0.9876`).
  public static func text(_ probability: Float) -> String {
    String(format: "%.4f", probability)
  }

  /// The alternatives as `VALUE:0.9876` items joined by `separator`.
  public func alternativesText(separator: String) -> String {
    alternatives.map { $0.value + ":" + Self.text($0.probability) }.joined(separator: separator)
  }

  /// What follows a value in `word/TAG` text: `/0.9876` and `|VALUE:0.9876|…`, as `detail` asks.
  func wordTagSuffix(_ detail: ConfidenceDetail) -> String {
    var text = ""
    if detail.contains(.probability) { text += "/" + Self.text(probability) }
    if detail.contains(.alternatives) { text += "|" + alternativesText(separator: "|") }
    return text
  }

  /// The extra fields after a value in a column file: the probability, then the alternatives
  /// separated by spaces, as `detail` asks.
  func columnFields(_ detail: ConfidenceDetail) -> [String] {
    var fields: [String] = []
    if detail.contains(.probability) { fields.append(Self.text(probability)) }
    if detail.contains(.alternatives) { fields.append(alternativesText(separator: " ")) }
    return fields
  }

  /// CoNLL-U MISC items: `Prob=0.9876` and `Top=VALUE:0.9876,…`, as `detail` asks.
  func miscItems(_ detail: ConfidenceDetail) -> [String] {
    var items: [String] = []
    if detail.contains(.probability) { items.append("Prob=" + Self.text(probability)) }
    if detail.contains(.alternatives) { items.append("Top=" + alternativesText(separator: ",")) }
    return items
  }
}

/// A JSON number for a probability: the shortest text that reads back as the same `Float`
/// (`null` for a value that is not finite).
func jsonNumber(_ value: Float) -> String {
  value.isFinite ? "\(value)" : "null"
}
