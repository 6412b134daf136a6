/// Which annotation layer (column) of a corpus is the tagging target.
///
/// Users name a layer (`upos`, `xpos`, `chunk`, `ne`, an XML attribute such as `pos` or `msd`) or
/// give its 1-based column number (`3`). `.default` takes the format's default layer: UPOS for
/// CoNLL-U and CoNLL-X, the last column of a column file, `pos` for XML.
///
/// A selector is parsed once from the command line and travels unchanged to the model file and
/// back. It is `Codable` as its `description`, the string the user typed (lowercased): `"upos"`,
/// `"3"`, `"default"`, so model files written when the layer was a plain string still load.
public enum LayerSelector: Sendable, Hashable, Codable, CustomStringConvertible {
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

  /// Decodes the string form (`description`).
  public init(from decoder: any Decoder) throws {
    self.init(parsing: try decoder.singleValueContainer().decode(String.self))
  }

  /// Encodes the string form (`description`).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
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

  /// The 0-based column index this selector picks in `sentence`.
  ///
  /// - Parameters:
  ///   - file: the file named in the error (the input, or the output a writer fills).
  ///   - line: the line named in the error, nil when it would mislead (a writer's output).
  /// - Throws: `CorpusError` of kind `.missingTagLayer`, listing the sentence's columns, when the
  ///   layer does not exist. This is the one place that error is built.
  public func column(in sentence: Sentence, file: String, line: Int?) throws -> Int {
    guard let column = columnIndex(in: sentence) else {
      throw CorpusError(
        .missingTagLayer(self), file: file, line: line,
        excerpt: "columns: " + sentence.columnNames.joined(separator: " "))
    }
    return column
  }

  /// The 0-based column of this layer in `sentence`, where a tagger writes its tags: the
  /// layer's column when the sentence has it, else a new empty column at the end, named after
  /// the layer (`.default`: named `defaultName`, and made the sentence's default layer). So a
  /// word-per-line file, JSON Lines with words alone, or CoNLL-U for an `ne` model (whose writer
  /// keeps the new column in MISC) can be tagged, and the words are never overwritten.
  ///
  /// - Throws: `CorpusError` of kind `.missingTagLayer`, naming the sentence's line in `file`,
  ///   for a column number the sentence does not have: a new column could not take it.
  public func column(
    fillingIn sentence: inout Sentence, file: String, defaultName: String = "tag"
  ) throws -> Int {
    if let column = columnIndex(in: sentence) { return column }
    let name: String
    switch self {
    case .name(let layerName): name = layerName
    case .default: name = defaultName
    case .column: return try column(in: sentence, file: file, line: sentence.sourceLine)
    }
    sentence.columnNames.append(name)
    for index in sentence.tokens.indices { sentence.tokens[index].values.append("") }
    if self == .default { sentence.defaultTagColumn = sentence.columnNames.count - 1 }
    return sentence.columnNames.count - 1
  }

  /// The 0-based column index this selector picks in `sentence`, read from `file`: the error
  /// names the sentence's line there.
  ///
  /// - Throws: `CorpusError` of kind `.missingTagLayer` when the layer does not exist.
  public func column(in sentence: Sentence, file: String) throws -> Int {
    try column(in: sentence, file: file, line: sentence.sourceLine)
  }

  /// The 0-based column index this selector picks among `columnNames`, where `.default` stands
  /// for `defaultColumn`; nil when it does not exist.
  func columnIndex(in columnNames: [String], defaultColumn: Int) -> Int? {
    switch self {
    case .default:
      // A sentence whose only column is its words has no default layer (`ColumnNaming`).
      return columnNames.indices.contains(defaultColumn) ? defaultColumn : nil
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

  /// The name among `names` (lowercased, as JSON members naming columns) that this selector
  /// picks: a name as `columnIndex` matches it (aliases too), a column number the name that is
  /// its digits; `.default` picks none.
  public func matchingName(in names: [String]) -> String? {
    switch self {
    case .default: return nil
    case .column(let number): return names.first { $0 == String(number) }
    case .name: return columnIndex(in: names, defaultColumn: -1).map { names[$0] }
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
