/// Escaping and naming rules shared by the XML writers.
enum XMLMarkup {
  /// Appends `value` escaped as element content (`& < >`, and carriage return as `&#13;`).
  ///
  /// - Throws: `CorpusError` of kind `.invalidContent` for a character XML 1.0 cannot hold.
  static func appendText(_ value: String, to text: inout String, file: String) throws {
    try append(value, to: &text, file: file, isAttribute: false)
  }

  /// Appends ` name="value"`, the value escaped for a double-quoted attribute: `& < > "` as
  /// entities, and tab, line feed and carriage return as character references so attribute
  /// normalisation keeps them.
  ///
  /// - Throws: `CorpusError` of kind `.invalidContent` for a character XML 1.0 cannot hold.
  static func appendAttribute(
    _ name: String, _ value: String, to text: inout String, file: String
  ) throws {
    text += " "
    text += name
    text += "=\""
    try append(value, to: &text, file: file, isAttribute: true)
    text += "\""
  }

  /// Appends sentence attributes with valid, unique names (`usedNames` holds the names already
  /// written and grows), leaving out those named in `excluded` and empty `xml:` ones.
  ///
  /// - Throws: `CorpusError` of kind `.invalidContent` for a value XML cannot hold.
  static func appendAttributes(
    _ attributes: [(name: String, value: String)], excluding excluded: Set<String>,
    usedNames: inout Set<String>, to text: inout String, file: String
  ) throws {
    for (name, value) in attributes where !excluded.contains(name) {
      var unique = attributeName(name)
      while usedNames.contains(unique) { unique += "_" }
      usedNames.insert(unique)
      if try shouldWrite(name: unique, value: value, file: file) {
        try appendAttribute(unique, value, to: &text, file: file)
      }
    }
  }

  private static func append(
    _ value: String, to text: inout String, file: String, isAttribute: Bool
  ) throws {
    // Fast path: nothing to escape (bytes below 0x3F cover every special ASCII character, and
    // U+FFFE and U+FFFF, which XML 1.0 excludes, start with 0xEF).
    if !value.utf8.contains(where: { ($0 < 0x3F && needsCare($0)) || $0 == 0xEF }) {
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
        guard scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF else {
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
  /// `-` and `.` become `_` (a `:` too, except after the reserved `xml` prefix, whose namespace
  /// needs no declaration), and a leading digit, `-` or `.` gets a `_` in front.
  static func attributeName(_ name: String) -> String {
    if name.hasPrefix("xml:") && name.count > 4 {
      return "xml:"
        + attributeName(String(name.dropFirst(4))).replacingOccurrences(of: ":", with: "_")
    }
    var result = ""
    for character in name {
      let isNameCharacter =
        character.isLetter || character.isNumber || character == "_" || character == "-"
        || character == "."
      result.append(isNameCharacter ? character : "_")
    }
    if let first = result.first, !(first.isLetter || first == "_") { result = "_" + result }
    return result.isEmpty ? "_" : result
  }

  /// Whether an attribute should be written: attributes in the `xml` namespace are left out when
  /// empty, since an empty `xml:id` or `xml:lang` is not valid.
  ///
  /// - Throws: `CorpusError` of kind `.invalidContent` for an `xml:id` that is not an XML name.
  static func shouldWrite(name: String, value: String, file: String) throws -> Bool {
    guard name.hasPrefix("xml:") else { return true }
    if value.isEmpty { return false }
    if name == "xml:id" && !isNCName(value) {
      throw CorpusError(
        .invalidContent("xml:id value is not an XML name"), file: file, excerpt: value)
    }
    return true
  }

  /// Whether `value` can be an `xml:id` (an NCName, roughly: a letter or `_` first, no `:`).
  static func isNCName(_ value: String) -> Bool {
    guard let first = value.first, first.isLetter || first == "_" else { return false }
    return value.allSatisfy {
      $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "."
    }
  }
}
