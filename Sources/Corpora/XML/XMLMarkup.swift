/// Escaping and naming rules shared by the XML writers.
enum XMLMarkup {
  /// Appends `value` escaped for a double-quoted attribute: `& < > "` as entities, and tab, line
  /// feed and carriage return as character references so attribute normalisation keeps them.
  ///
  /// - Throws: `CorpusError` of kind `.invalidContent` for a character XML 1.0 cannot hold.
  static func appendAttributeValue(_ value: String, to text: inout String, file: String) throws {
    try append(value, to: &text, file: file, isAttribute: true)
  }

  /// Appends `value` escaped as element content (`& < >`, and carriage return as `&#13;`).
  ///
  /// - Throws: `CorpusError` of kind `.invalidContent` for a character XML 1.0 cannot hold.
  static func appendText(_ value: String, to text: inout String, file: String) throws {
    try append(value, to: &text, file: file, isAttribute: false)
  }

  private static func append(
    _ value: String, to text: inout String, file: String, isAttribute: Bool
  ) throws {
    // Fast path: nothing to escape (bytes below 0x3F cover every special ASCII character).
    if !value.utf8.contains(where: { $0 < 0x3F && needsCare($0) }) {
      text += value
      return
    }
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": text += "&amp;"
      case "<": text += "&lt;"
      case ">": text += "&gt;"
      case "\"" where isAttribute: text += "&quot;"
      case "\t" where isAttribute: text += "&#9;"
      case "\n" where isAttribute: text += "&#10;"
      case "\r": text += "&#13;"
      case "\t", "\n": text.unicodeScalars.append(scalar)
      default:
        guard scalar.value >= 0x20 else {
          throw CorpusError(
            .invalidContent(
              "character U+\(String(scalar.value, radix: 16, uppercase: true)) cannot be written in XML 1.0"
            ), file: file, excerpt: value)
        }
        text.unicodeScalars.append(scalar)
      }
    }
  }

  private static func needsCare(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<")
      || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
  }

  /// `name` made into a valid XML attribute name: characters other than letters, digits, `_`,
  /// `-`, `.` and a `:` between two name parts become `_`, and a leading digit, `-` or `.` gets a
  /// `_` in front.
  static func attributeName(_ name: String) -> String {
    var result = ""
    for character in name {
      let isNameCharacter =
        character.isLetter || character.isNumber || character == "_" || character == "-"
        || character == "." || (character == ":" && !result.isEmpty && !result.hasSuffix(":"))
      result.append(isNameCharacter ? character : "_")
    }
    if result.hasSuffix(":") { result.removeLast(); result += "_" }
    if let first = result.first, !(first.isLetter || first == "_") { result = "_" + result }
    return result.isEmpty ? "_" : result
  }

  /// Whether `value` can be an `xml:id` (an NCName, roughly: a letter or `_` first, no `:`).
  static func isNCName(_ value: String) -> Bool {
    guard let first = value.first, first.isLetter || first == "_" else { return false }
    return value.allSatisfy {
      $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "."
    }
  }
}
