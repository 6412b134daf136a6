/// Writes sentences as TIGER-XML terminals.
///
/// The output is `<corpus><body>` holding, per sentence, `<s id …><graph><terminals>` with one
/// `<t>` per token and no non-terminals. Every column becomes an attribute of `<t>` in column
/// order, under its own name except the word column (`word` or `form`), which is written as
/// `word`; an empty value is written `--`, TIGER's "no value". A token gets `id="<sentence>_<n>"`
/// when the sentence has no `id` column. The sentence's `id` is its `id` attribute, else its
/// `xml:id`, else the CoNLL-U `# sent_id`, else `s<n>`; its other attributes follow. Comments and
/// CoNLL-U multiword ranges and empty nodes are not written.
///
/// `TigerXMLReader` reads the output back to the same sentence when the input came from
/// TIGER-XML; from any format it gives back the same words and tags (a value that is literally
/// `--` comes back empty).
public struct TigerXMLWriter: SentenceWriter {
  private let output: TextOutput
  private var sentenceCount = 0
  private var hasWrittenHeader = false

  /// Creates a writer onto `output`.
  public init(output: TextOutput) {
    self.output = output
  }

  public mutating func write(_ sentence: Sentence) throws {
    try writeHeaderOnce()
    sentenceCount += 1
    let sentenceID = Self.sentenceID(of: sentence) ?? "s\(sentenceCount)"
    var text = "    <s"
    try XMLMarkup.appendAttribute("id", sentenceID, to: &text, file: output.path)
    var usedNames: Set = ["id"]
    try XMLMarkup.appendAttributes(
      sentence.attributesWithLabel, excluding: ["id"], usedNames: &usedNames, to: &text,
      file: output.path)
    text += ">\n      <graph>\n        <terminals>\n"
    let layout = TerminalLayout(columnNames: sentence.columnNames)
    for (index, token) in sentence.tokens.enumerated() {
      let generatedID = layout.needsGeneratedID ? "\(sentenceID)_\(index + 1)" : nil
      try appendTerminal(token, generatedID: generatedID, layout: layout, to: &text)
    }
    text += "        </terminals>\n      </graph>\n    </s>\n"
    try output.write(text)
  }

  public mutating func finish() throws {
    try writeHeaderOnce()
    try output.write("  </body>\n</corpus>\n")
    try output.flush()
  }

  private mutating func writeHeaderOnce() throws {
    guard !hasWrittenHeader else { return }
    try output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<corpus>\n  <body>\n")
    hasWrittenHeader = true
  }

  /// Appends one `<t …/>`: empty values as `--` (empty `xml:` attributes are left out).
  private func appendTerminal(
    _ token: Token, generatedID: String?, layout: TerminalLayout, to text: inout String
  ) throws {
    let file = output.path
    text += "          <t"
    if let generatedID { try XMLMarkup.appendAttribute("id", generatedID, to: &text, file: file) }
    if layout.wordColumn == nil {
      try XMLMarkup.appendAttribute("word", token.form, to: &text, file: file)
    }
    for (column, name) in layout.attributeNames.enumerated() {
      let value = column == layout.wordColumn ? token.form : token.values[column]
      if column != layout.wordColumn && value.isEmpty {
        if !name.hasPrefix("xml:") {
          try XMLMarkup.appendAttribute(name, "--", to: &text, file: file)
        }
      } else if try XMLMarkup.shouldWrite(name: name, value: value, file: file) {
        try XMLMarkup.appendAttribute(name, value, to: &text, file: file)
      }
    }
    text += "/>\n"
  }

  /// The sentence's own identifier, if it has one.
  static func sentenceID(of sentence: Sentence) -> String? {
    if let id = sentence.attribute("id") ?? sentence.attribute("xml:id") { return id }
    for comment in sentence.comments where comment.hasPrefix("# sent_id") {
      guard let equals = comment.firstIndex(of: "=") else { continue }
      return comment[comment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    }
    return nil
  }
}

/// How a sentence's columns map to `<t>` attributes.
struct TerminalLayout {
  /// The index of the word column (`word`, else `form`), or nil.
  let wordColumn: Int?
  /// One unique, valid attribute name per column (`word` for the word column).
  let attributeNames: [String]
  /// Whether `<t>` needs a generated `id` (the sentence has no `id` column).
  let needsGeneratedID: Bool

  init(columnNames: [String]) {
    let wordColumn = columnNames.firstIndex(of: "word") ?? columnNames.firstIndex(of: "form")
    var used: Set<String> = wordColumn == nil ? ["word"] : []
    let hasID = columnNames.contains("id")
    if !hasID { used.insert("id") }
    var names: [String] = []
    for (column, name) in columnNames.enumerated() {
      var unique = column == wordColumn ? "word" : XMLMarkup.attributeName(name)
      while used.contains(unique) { unique += "_" }
      used.insert(unique)
      names.append(unique)
    }
    self.wordColumn = wordColumn
    self.attributeNames = names
    self.needsGeneratedID = !hasID
  }
}
