/// Writes sentences as a CoNLL column file (space-separated) or as TSV (tab-separated).
///
/// One token per line and a blank line after each sentence. The word comes first, then the other
/// columns in their order; an `id` column (CoNLL-U, CoNLL-X) is dropped, so the output reads back
/// with the word in column 1. A sentence read from a column file is written back unchanged, its
/// `-DOCSTART-` line included. In a column file an empty value becomes `_` and whitespace inside
/// a value becomes `_` (columns are whitespace-separated); in TSV tabs and line breaks inside a
/// value become spaces. A TSV writer given a tag layer writes only the word and that layer.
/// Tag confidences follow a token's columns (`…<TAB>0.9876<TAB>TAG:0.9876 OTHER:0.0100`) when
/// `confidence` asks for them; with `writesLabels` a labelled sentence starts with `# KEY = …`
/// lines (see `WriterOptions`), and a label holding a line break is refused.
public struct ColumnWriter: SentencePartWriter {
  private let output: TextOutput
  private let separator: ColumnReader.Separator
  private let layer: LayerSelector?
  private let confidence: ConfidenceDetail
  private let writesLabels: Bool
  private var cachedNames: [String] = []
  private var cachedOrder: [Int] = []

  /// Creates a writer onto `output`.
  ///
  /// - Parameters:
  ///   - separator: `.whitespace` writes single spaces, `.tab` writes TSV.
  ///   - layer: when given, only the word and this layer are written; nil writes every column.
  ///   - confidence: the confidence figures written after each token that has them.
  ///   - writesLabels: whether a sentence label is written as `# KEY = …` lines first.
  public init(
    output: TextOutput, separator: ColumnReader.Separator = .whitespace,
    layer: LayerSelector? = nil, confidence: ConfidenceDetail = [], writesLabels: Bool = false
  ) {
    self.output = output
    self.separator = separator
    self.layer = layer
    self.confidence = confidence
    self.writesLabels = writesLabels
  }

  public mutating func write(_ sentence: Sentence) throws {
    try writePart(sentence, isFirst: true, isLast: true)
  }

  public mutating func writePart(_ part: Sentence, isFirst: Bool, isLast: Bool) throws {
    let order = try columnOrder(for: part)
    var text = ""
    if isFirst {
      for line in writesLabels ? part.labelComments(confidence) : [] {
        try UnwritableCharacters.lineBreaks.check(
          line, "the label comment", in: "a comment line", file: output.path)
        text += line + "\n"
      }
      if let documentStart = part.attribute(ColumnReader.documentStartAttribute) {
        text += documentStart
        text += "\n"
      }
    }
    let separatorText = separator == .tab ? "\t" : " "
    let detail = part.tagConfidences.count == part.tokens.count ? confidence : []
    for (index, token) in part.tokens.enumerated() {
      for (position, column) in order.enumerated() {
        if position > 0 { text += separatorText }
        text += clean(column < 0 ? token.form : token.values[column])
      }
      for field in detail.isEmpty ? [] : part.tagConfidences[index].columnFields(detail) {
        text += separatorText + clean(field)
      }
      text += "\n"
    }
    if isLast { text += "\n" }
    try output.write(text)
  }

  public mutating func finish() throws {
    try output.flush()
  }

  /// The source columns to write, in order; -1 stands for the token's form.
  private mutating func columnOrder(for sentence: Sentence) throws -> [Int] {
    if let layer {
      // A labelled sentence, or an empty one, without the tag column: the words alone.
      if (writesLabels && sentence.label != nil) || sentence.tokens.isEmpty,
        layer.columnIndex(in: sentence) == nil
      {
        return [-1]
      }
      return [-1, try layer.column(in: sentence, file: output.path, line: nil)]
    }
    if sentence.columnNames == cachedNames { return cachedOrder }
    let names = sentence.columnNames
    let wordColumn = names.firstIndex(of: "word") ?? names.firstIndex(of: "form")
    var order = [wordColumn ?? -1]
    order += names.indices.filter { $0 != wordColumn && names[$0] != "id" }
    cachedNames = names
    cachedOrder = order
    return order
  }

  private func clean(_ value: String) -> String {
    switch separator {
    case .whitespace:
      if value.isEmpty { return "_" }
      guard value.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
      else { return value }
      // By scalar: a combining mark after a space is one character with it, and must stay.
      var cleaned = String.UnicodeScalarView()
      for scalar in value.unicodeScalars {
        cleaned.append(scalar.properties.isWhitespace ? "_" : scalar)
      }
      return String(cleaned)
    case .tab:
      guard value.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
        return value
      }
      return String(value.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
  }
}
