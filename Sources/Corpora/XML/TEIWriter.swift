/// Writes sentences as TEI P5: `<TEI xmlns=…><teiHeader>…</teiHeader><text><body><p>` holding
/// one `<s>` per sentence and one `<w>` per token, or `<pc>` when the token's UPOS (column
/// `upos`, else `pos`) is `PUNCT`.
///
/// The word is the element's text. Every other column becomes an attribute under its own name,
/// except that `upos` is written `pos` when there is no `pos` column and a CoNLL-U `id` is written
/// `n`; an empty value is written for `pos` and the sentence's tag layer (`pos=""`: a reader
/// that requires tags refuses a token without the attribute) and left out elsewhere, as the
/// attribute a token lacked in its source is read empty (`join=""` on every word would not be
/// valid TEI). The sentence identifier (as for `TigerXMLWriter`) becomes
/// `xml:id` when it is a valid XML name and `n` otherwise; other sentence attributes follow.
///
/// `TEIReader` reads the output back with the same words and the same default tags.
public struct TEIWriter: SentenceWriter {
  private let output: TextOutput
  private var hasWrittenHeader = false

  static let header = """
    <?xml version="1.0" encoding="UTF-8"?>
    <TEI xmlns="http://www.tei-c.org/ns/1.0">
      <teiHeader>
        <fileDesc>
          <titleStmt><title>Tagged corpus</title></titleStmt>
          <publicationStmt><p>Written by tagcli.</p></publicationStmt>
          <sourceDesc><p>Converted from another corpus format.</p></sourceDesc>
        </fileDesc>
      </teiHeader>
      <text>
        <body>
          <p>

    """

  /// Creates a writer onto `output`.
  public init(output: TextOutput) {
    self.output = output
  }

  public mutating func write(_ sentence: Sentence) throws {
    try writeHeaderOnce()
    var text = "        <s"
    var usedNames: Set<String> = []
    if let id = TigerXMLWriter.sentenceID(of: sentence) {
      let name = XMLMarkup.isNCName(id) ? "xml:id" : "n"
      try XMLMarkup.appendAttribute(name, id, to: &text, file: output.path)
      usedNames.insert(name)
    }
    try XMLMarkup.appendAttributes(
      sentence.attributesWithLabel, excluding: ["id", "xml:id"], usedNames: &usedNames, to: &text,
      file: output.path)
    text += ">\n"
    let layout = TEITokenLayout(columnNames: sentence.columnNames)
    for token in sentence.tokens {
      let isPunctuation = layout.uposColumn.map { token.values[$0] == "PUNCT" } ?? false
      let element = isPunctuation ? "pc" : "w"
      text += "          <"
      text += element
      for (column, name) in layout.attributeNames
      where try
        (name == "pos" || column == sentence.defaultTagColumn
        || !token.values[column].isEmpty)
        && XMLMarkup.shouldWrite(name: name, value: token.values[column], file: output.path)
      {
        try XMLMarkup.appendAttribute(name, token.values[column], to: &text, file: output.path)
      }
      text += ">"
      try XMLMarkup.appendText(token.form, to: &text, file: output.path)
      text += "</\(element)>\n"
    }
    text += "        </s>\n"
    try output.write(text)
  }

  public mutating func finish() throws {
    try writeHeaderOnce()
    try output.write("      </p>\n    </body>\n  </text>\n</TEI>\n")
    try output.flush()
  }

  private mutating func writeHeaderOnce() throws {
    guard !hasWrittenHeader else { return }
    try output.write(Self.header)
    hasWrittenHeader = true
  }

}

/// How a sentence's columns map to TEI token attributes.
struct TEITokenLayout {
  /// The column holding the UPOS (`upos`, else `pos`), which decides `<w>` or `<pc>`.
  let uposColumn: Int?
  /// The columns written as attributes, with unique, valid names (the word column left out).
  let attributeNames: [(column: Int, name: String)]

  init(columnNames: [String]) {
    let wordColumn = columnNames.firstIndex(of: "word") ?? columnNames.firstIndex(of: "form")
    let hasPOS = columnNames.contains("pos")
    uposColumn = columnNames.firstIndex(of: "upos") ?? columnNames.firstIndex(of: "pos")
    var used: Set<String> = []
    var names: [(column: Int, name: String)] = []
    for (column, name) in columnNames.enumerated() where column != wordColumn {
      var unique: String
      switch name {
      case "upos" where !hasPOS: unique = "pos"
      case "id": unique = "n"
      default: unique = XMLMarkup.attributeName(name)
      }
      while used.contains(unique) { unique += "_" }
      used.insert(unique)
      names.append((column, unique))
    }
    attributeNames = names
  }
}
