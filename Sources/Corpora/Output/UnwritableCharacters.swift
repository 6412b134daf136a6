/// Characters that a line-based format cannot hold in a value, and the error for a value that
/// holds one.
///
/// A line break inside a word splits its sentence in two when the file is read back; a tab inside
/// a CoNLL field shifts every column after it; a space or `/` inside a `word/TAG` tag moves the
/// split between word and tag. Writers refuse such a value with this error (naming the output,
/// what holds the character and the value) instead of writing a file that reads back as other
/// sentences. Writers whose format documents a replacement (whitespace inside a column file's
/// value becomes `_`) keep it.
enum UnwritableCharacters {
  /// Line feeds and carriage returns (where the readers split lines): one sentence, comment or
  /// token per line.
  case lineBreaks
  /// Tabs as well: CoNLL fields and `LABEL<TAB>` prefixes.
  case tabsAndLineBreaks
  /// Any whitespace and `/`: a `word/TAG` tag.
  case whitespaceAndSlash

  /// What `value` holds that this set forbids (`"a tab"`, `"a line break"`, …); nil when it can
  /// be written.
  func offending(in value: String) -> String? {
    // Fast path: every character these sets forbid is ASCII below "0", except Unicode
    // whitespace (bytes from 0x80) for a tag.
    guard
      value.utf8.contains(where: { $0 < 0x30 || (self == .whitespaceAndSlash && $0 >= 0x80) })
    else { return nil }
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\n", "\r":
        return "a line break"
      case "\t" where self != .lineBreaks:
        return "a tab"
      case "/" where self == .whitespaceAndSlash:
        return "a slash"
      default:
        if self == .whitespaceAndSlash, scalar.properties.isWhitespace { return "whitespace" }
      }
    }
    return nil
  }

  /// Throws when `value` holds a character of this set.
  ///
  /// - Parameters:
  ///   - what: what holds the value, for the message (`"the form of token 3"`).
  ///   - format: where it cannot go (`"a CoNLL-U field"`).
  ///   - file: the output's path.
  /// - Throws: `CorpusError` of kind `.invalidContent` quoting the value and naming the formats
  ///   that can hold it (JSON Lines holds any string).
  func check(_ value: String, _ what: @autoclosure () -> String, in format: String, file: String)
    throws
  {
    guard let found = offending(in: value) else { return }
    throw CorpusError(
      .invalidContent(
        "\(what()) holds \(found), which \(format) cannot hold (\(formatsThatCanHoldIt) can)"),
      file: file, excerpt: value)
  }

  /// The writable formats that hold what this set forbids.
  private var formatsThatCanHoldIt: String {
    switch self {
    case .lineBreaks, .tabsAndLineBreaks: "JSON Lines and XML"
    case .whitespaceAndSlash: "TSV, CoNLL-U and JSON Lines"
    }
  }
}
