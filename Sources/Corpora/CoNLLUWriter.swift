/// Writes sentences as CoNLL-U.
///
/// A sentence read from CoNLL-U is written back byte for byte: comments, multiword ranges and
/// empty nodes return to their places. A sentence from another format is mapped by column name
/// (`form`/`word`, `lemma`, `upos`/`cpostag`, `xpos`/`postag`/`pos`/`tag`, `feats`/`morph`, …);
/// missing or empty values become `_` and IDs are numbered from 1. Source columns that no
/// CoNLL-U column takes (a CoNLL-2002 file's `ne`, a CoNLL-2000 file's `chunk`) are kept in MISC
/// as `NAME=VALUE` items, so that nothing is lost. A TEI reader's `pos` column
/// is named `upos` (see `TEIReader`), so it fills UPOS. An empty word form (NPS Chat has a
/// `word=""`) is written `_` in every case, since CoNLL-U has no empty field.
///
/// A field holding a tab or a line break, or a comment (a label) holding a line break, is refused
/// with a `CorpusError`: written, it would shift the columns or split the sentence.
///
/// Tag confidences go to MISC (`Prob=0.9876|Top=TAG:0.9876,…`, after what MISC already holds)
/// and the label's to `# KEY_prob`, `# KEY_top` comments, when `confidence` asks for them.
///
/// A sentence may be written in parts (`SentencePartWriter`): the first part's comments open
/// it, numbered IDs continue from part to part, and the last part closes it with the blank line.
public struct CoNLLUWriter: SentencePartWriter {
  private let output: TextOutput
  private let dialect: CoNLLDialect
  private let confidence: ConfidenceDetail
  /// Tokens written by the earlier parts of the sentence being written in parts.
  private var partOffset = 0

  /// Creates a writer onto `output` that writes the confidences `confidence` asks for.
  public init(output: TextOutput, confidence: ConfidenceDetail = []) {
    self.init(output: output, dialect: .conllu, confidence: confidence)
  }

  /// Creates a writer of `dialect` (CoNLL-X shares this writer).
  init(output: TextOutput, dialect: CoNLLDialect, confidence: ConfidenceDetail = []) {
    self.output = output
    self.dialect = dialect
    self.confidence = confidence
  }

  public mutating func write(_ sentence: Sentence) throws {
    try writePart(sentence, isFirst: true, isLast: true)
  }

  /// Writes consecutive tokens of one sentence. Only the first part's comments are written;
  /// the IDs this writer numbers continue from the earlier parts; a part's multiword ranges and
  /// empty nodes are placed by its own token indices.
  public mutating func writePart(_ sentence: Sentence, isFirst: Bool, isLast: Bool) throws {
    if isFirst { partOffset = 0 }
    var text = ""
    let mapping = dialect.columnMapping(for: sentence.columnNames)
    // CoNLL-X tools rarely accept comments: keep them only in a CoNLL-X round trip.
    if isFirst, dialect.allowsMultiwordTokens || mapping == nil {
      var comments = sentence.commentsWithLabel(confidence: confidence)
      // A sentence from another format keeps its id (an XML `<s id>`) as `# sent_id`.
      if dialect.allowsMultiwordTokens, mapping != nil, sentence.comments.isEmpty,
        let id = sentence.attribute("id"), !id.isEmpty, !id.contains("\n")
      {
        comments.insert("# sent_id = \(id)", at: 0)
      }
      for comment in comments {
        try UnwritableCharacters.lineBreaks.check(
          comment, "a comment", in: "a \(dialect.name) comment line", file: output.path)
        text += comment
        text += "\n"
      }
    }
    // Ranges and empty nodes exist only in CoNLL-U.
    let extraLines = dialect.allowsMultiwordTokens || mapping == nil ? sentence.extraLines : []
    let miscColumn = dialect.columnNames.firstIndex(of: "misc")
    // Source columns that no CoNLL-U column takes (a CoNLL-2002 file's `ne`) go to MISC.
    let unplaced = miscColumn == nil ? [] : Self.unplacedColumns(sentence.columnNames, mapping)
    let detail = sentence.tagConfidences.count == sentence.tokens.count ? confidence : []
    var extraIndex = 0
    for (index, token) in sentence.tokens.enumerated() {
      while extraIndex < extraLines.count, extraLines[extraIndex].tokenIndex <= index {
        appendLine(extraLines[extraIndex].fields, to: &text)
        extraIndex += 1
      }
      var fields = token.values
      if let mapping {
        fields = Self.mappedFields(token, index: partOffset + index, mapping: mapping)
      }
      if fields[1].isEmpty { fields[1] = "_" }
      if let miscColumn {
        // After what MISC holds: the unplaced columns' values, then the tag's confidence.
        var items = unplaced.compactMap { column in
          token.values[column.index].isEmpty ? nil : "\(column.name)=\(token.values[column.index])"
        }
        if !detail.isEmpty { items += sentence.tagConfidences[index].miscItems(detail) }
        let misc = fields[miscColumn]
        let kept = misc == "_" || misc.isEmpty ? [] : [misc]
        if !items.isEmpty { fields[miscColumn] = (kept + items).joined(separator: "|") }
      }
      try checkFields(fields, token: partOffset + index + 1)
      appendLine(fields, to: &text)
    }
    while extraIndex < extraLines.count {
      appendLine(extraLines[extraIndex].fields, to: &text)
      extraIndex += 1
    }
    if isLast { text += "\n" }
    partOffset += sentence.tokens.count
    try output.write(text)
  }

  public mutating func finish() throws {
    try output.flush()
  }

  /// Refuses a field holding a tab or a line break, which would shift or split the line.
  private func checkFields(_ fields: [String], token: Int) throws {
    for (column, field) in fields.enumerated() {
      try UnwritableCharacters.tabsAndLineBreaks.check(
        field, "the \(dialect.columnNames[column]) of token \(token)",
        in: "a \(dialect.name) field", file: output.path)
    }
  }

  private func appendLine(_ fields: [String], to text: inout String) {
    for (index, field) in fields.enumerated() {
      if index > 0 { text += "\t" }
      text += field
    }
    text += "\n"
  }

  /// For each CoNLL-U column, the source column that fills it; nil when the source is CoNLL-U.
  static func columnMapping(for names: [String]) -> [Int?]? {
    CoNLLDialect.conllu.columnMapping(for: names)
  }

  /// The source columns, by name and index, that `mapping` gives no CoNLL column (the word and
  /// an `id` aside): none when the source is CoNLL (`mapping` nil).
  private static func unplacedColumns(_ names: [String], _ mapping: [Int?]?) -> [(
    name: String, index: Int
  )] {
    guard let mapping else { return [] }
    let placed = Set(mapping.compactMap { $0 })
    return names.enumerated().compactMap { index, name in
      placed.contains(index) || ["id", "form", "word"].contains(name) ? nil : (name, index)
    }
  }

  private static func mappedFields(_ token: Token, index: Int, mapping: [Int?]) -> [String] {
    var fields = mapping.map { column -> String in
      guard let column else { return "_" }
      let value = token.values[column]
      return value.isEmpty ? "_" : value
    }
    fields[0] = String(index + 1)
    fields[1] = token.form
    return fields
  }
}
