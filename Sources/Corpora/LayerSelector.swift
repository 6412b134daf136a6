/// Which annotation layer (column) of a corpus is the tagging target.
///
/// Users name a layer (`upos`, `xpos`, `chunk`, `ne`, an XML attribute such as `pos` or `msd`) or
/// give its 1-based column number (`3`). `.default` takes the format's default layer: UPOS for
/// CoNLL-U and CoNLL-X, the last column of a column file, `pos` for XML.
public enum LayerSelector: Sendable, Equatable, CustomStringConvertible {
  /// The format's default tag layer.
  case `default`
  /// A layer by name, matched case-insensitively (with a few aliases such as `pos` → `upos`).
  case name(String)
  /// A layer by 1-based column number.
  case column(Int)

  /// Parses a command-line value: digits select a column, anything else a name.
  public init(parsing text: String) {
    if let number = Int(text), number > 0 {
      self = .column(number)
    } else if text.isEmpty || text.lowercased() == "default" {
      self = .default
    } else {
      self = .name(text.lowercased())
    }
  }

  /// Alternative names tried when a name is not found as it is.
  static let aliases: [String: [String]] = [
    "upos": ["cpostag", "pos"], "pos": ["upos", "cpostag", "postag", "tag"],
    "xpos": ["postag"], "postag": ["xpos"], "cpostag": ["upos"],
    "form": ["word"], "word": ["form"], "tag": ["pos", "upos"],
    "ne": ["ner"], "ner": ["ne"],
  ]

  /// The 0-based column index this selector picks in `sentence`, or nil when it does not exist.
  public func columnIndex(in sentence: Sentence) -> Int? {
    columnIndex(in: sentence.columnNames, defaultColumn: sentence.defaultTagColumn)
  }

  /// The 0-based column index this selector picks among `columnNames`, where `.default` stands
  /// for `defaultColumn`; nil when it does not exist.
  func columnIndex(in columnNames: [String], defaultColumn: Int) -> Int? {
    switch self {
    case .default:
      return defaultColumn
    case .column(let number):
      return number >= 1 && number <= columnNames.count ? number - 1 : nil
    case .name(let name):
      let wanted = name.lowercased()
      if let index = columnNames.firstIndex(of: wanted) { return index }
      for alias in Self.aliases[wanted] ?? [] {
        if let index = columnNames.firstIndex(of: alias) { return index }
      }
      return nil
    }
  }

  public var description: String {
    switch self {
    case .default: return "default"
    case .name(let name): return name
    case .column(let number): return String(number)
    }
  }
}
