/// Writes sentences as JSON Lines: one compact JSON object per sentence.
///
/// `{"words":["I","ran"],"upos":["PRON","VERB"]}`: sentence attributes first (as strings, or
/// as the JSON they were read as, `Sentence.jsonAttributeValues`), then
/// one array per column in the sentence's column order; the `word`/`form` column is written as
/// `words`. Comments, multiword ranges and empty nodes of CoNLL-U are not written. Strings are
/// escaped by hand (quote, backslash, control characters) so that `/` and non-ASCII text stay
/// as they are.
///
/// Confidences, when `confidence` asks for them and the sentence has them: `"KEY_prob"` (a
/// number) and `"KEY_top"` (`[{"label":…,"prob":…}]`) after the label, and after the columns
/// `"probs"` (one number per token) and `"top"` (`[{"tag":…,"prob":…}]` per token) for the tags
/// of `tagLayer` (none when the sentence lacks that layer).
public struct JSONLinesWriter: SentenceWriter {
  private let output: TextOutput
  private let tagLayer: LayerSelector
  private let confidence: ConfidenceDetail

  /// Creates a writer onto `output` that writes the confidences `confidence` asks for, those of
  /// tags in `tagLayer`.
  public init(
    output: TextOutput, tagLayer: LayerSelector = .default, confidence: ConfidenceDetail = []
  ) {
    self.output = output
    self.tagLayer = tagLayer
    self.confidence = confidence
  }

  public mutating func write(_ sentence: Sentence) throws {
    let wordColumn =
      sentence.columnNames.firstIndex(of: "word") ?? sentence.columnNames.firstIndex(of: "form")
    let keys = sentence.columnNames.enumerated().map {
      $0.offset == wordColumn ? "words" : $0.element
    }
    var members: [String] = []
    for (name, value) in sentence.attributesWithLabel where !keys.contains(name) {
      // A number, object… read from JSON Lines goes back as it was, unless it was replaced; a
      // label is a string (a model's labels are), so that every line writes it alike.
      let isLabel = sentence.label != nil && name == sentence.labelKey
      let json =
        isLabel ? nil : sentence.jsonAttributeValues[name].flatMap { $0 == value ? $0 : nil }
      members.append(Self.quoted(name) + ":" + (json ?? Self.quoted(value)))
    }
    members += labelConfidenceMembers(sentence)
    if wordColumn == nil {
      members.append("\"words\":" + Self.array(sentence.forms))
    }
    for (column, key) in keys.enumerated() {
      members.append(Self.quoted(key) + ":" + Self.array(sentence.values(ofColumn: column)))
    }
    members += tagConfidenceMembers(sentence)
    try output.write("{" + members.joined(separator: ",") + "}\n")
  }

  /// `"KEY_prob"` and `"KEY_top"`, as `confidence` asks, for a labelled sentence.
  private func labelConfidenceMembers(_ sentence: Sentence) -> [String] {
    guard sentence.label != nil, let label = sentence.labelConfidence else { return [] }
    var members: [String] = []
    if confidence.contains(.probability) {
      members.append(Self.quoted(sentence.labelKey + "_prob") + ":" + jsonNumber(label.probability))
    }
    if confidence.contains(.alternatives) {
      members.append(
        Self.quoted(sentence.labelKey + "_top") + ":" + Self.alternatives(label, key: "label"))
    }
    return members
  }

  /// `"probs"` and `"top"`, as `confidence` asks, when the sentence has the tag layer and a
  /// confidence per token.
  private func tagConfidenceMembers(_ sentence: Sentence) -> [String] {
    guard !confidence.isEmpty, sentence.tagConfidences.count == sentence.tokens.count,
      tagLayer.columnIndex(in: sentence) != nil
    else { return [] }
    var members: [String] = []
    if confidence.contains(.probability) {
      let numbers = sentence.tagConfidences.map { jsonNumber($0.probability) }
      members.append("\"probs\":[" + numbers.joined(separator: ",") + "]")
    }
    if confidence.contains(.alternatives) {
      let lists = sentence.tagConfidences.map { Self.alternatives($0, key: "tag") }
      members.append("\"top\":[" + lists.joined(separator: ",") + "]")
    }
    return members
  }

  /// `[{"KEY":…,"prob":…},…]`.
  private static func alternatives(_ confidence: Confidence, key: String) -> String {
    let objects = confidence.alternatives.map {
      "{" + quoted(key) + ":" + quoted($0.value) + ",\"prob\":" + jsonNumber($0.probability) + "}"
    }
    return "[" + objects.joined(separator: ",") + "]"
  }

  /// A probability as a JSON number: the shortest text that reads back as the same `Float`,
  /// `null` when it is not finite.
  public static func number(_ value: Float) -> String {
    jsonNumber(value)
  }

  public mutating func finish() throws {
    try output.flush()
  }

  private static func array(_ values: [String]) -> String {
    "[" + values.map(quoted).joined(separator: ",") + "]"
  }

  /// A JSON string literal.
  public static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
