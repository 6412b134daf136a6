/// Writes sentences as JSON Lines: one compact JSON object per sentence.
///
/// `{"words":["I","ran"],"upos":["PRON","VERB"]}`: sentence attributes first (as strings), then
/// one array per column in the sentence's column order; the `word`/`form` column is written as
/// `words`. Comments, multiword ranges and empty nodes of CoNLL-U are not written. Strings are
/// escaped by hand (quote, backslash, control characters) so that `/` and non-ASCII text stay
/// as they are.
public struct JSONLinesWriter: SentenceWriter {
  private let output: TextOutput

  /// Creates a writer onto `output`.
  public init(output: TextOutput) {
    self.output = output
  }

  public mutating func write(_ sentence: Sentence) throws {
    let wordColumn =
      sentence.columnNames.firstIndex(of: "word") ?? sentence.columnNames.firstIndex(of: "form")
    let keys = sentence.columnNames.enumerated().map {
      $0.offset == wordColumn ? "words" : $0.element
    }
    var members: [String] = []
    for (name, value) in sentence.attributesWithLabel where !keys.contains(name) {
      members.append(Self.quoted(name) + ":" + Self.quoted(value))
    }
    if wordColumn == nil {
      members.append("\"words\":" + Self.array(sentence.forms))
    }
    for (column, key) in keys.enumerated() {
      members.append(Self.quoted(key) + ":" + Self.array(sentence.values(ofColumn: column)))
    }
    try output.write("{" + members.joined(separator: ",") + "}\n")
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
