/// Writes sentences as `word/TAG` text, one sentence per line (or Penn `.pos` chunks).
///
/// The tag comes from the writer's tag layer (the sentence's default layer when `.default`).
/// A `/` in a word is written `\/`, whitespace inside a word becomes `_`, and an empty tag is
/// written as `_` so that every token reads back. A tag holding whitespace or `/` (the reader
/// splits at the last `/`), or a label holding a tab or line break, is refused with a
/// `CorpusError`. In the `.penn` style each sentence is followed
/// by a blank line. A sentence without tokens is an empty line. Tag confidences follow the tag
/// (`word/TAG/0.9876|TAG:0.9876|…`) when `confidence` asks for them; with `writesLabels` a
/// labelled sentence starts with `LABEL<TAB>` (see `WriterOptions`).
public struct WordTagWriter: SentencePartWriter {
  private let output: TextOutput
  private let layer: LayerSelector
  private let style: WordTagReader.Style
  private let confidence: ConfidenceDetail
  private let writesLabels: Bool

  /// Creates a writer onto `output` that writes the tags of `layer`.
  ///
  /// - Parameters:
  ///   - confidence: the confidence figures written after each tag and label that has them.
  ///   - writesLabels: whether a sentence label starts its line (`LABEL<TAB>words`).
  public init(
    output: TextOutput, layer: LayerSelector = .default,
    style: WordTagReader.Style = .oneSentencePerLine, confidence: ConfidenceDetail = [],
    writesLabels: Bool = false
  ) {
    self.output = output
    self.layer = layer
    self.style = style
    self.confidence = confidence
    self.writesLabels = writesLabels
  }

  public mutating func write(_ sentence: Sentence) throws {
    try writePart(sentence, isFirst: true, isLast: true)
  }

  public mutating func writePart(_ part: Sentence, isFirst: Bool, isLast: Bool) throws {
    var text = isFirst ? try labelPrefix(part) : ""
    let column = try tagColumn(in: part)
    let detail = part.tagConfidences.count == part.tokens.count ? confidence : []
    for (index, token) in part.tokens.enumerated() {
      if index > 0 || !isFirst { text += " " }
      text += Self.escaped(token.form)
      guard let column else { continue }
      text += "/"
      let tag = token.values[column]
      try UnwritableCharacters.whitespaceAndSlash.check(
        tag, "the tag of token \(index + 1)", in: "a word/TAG tag", file: output.path)
      text += tag.isEmpty ? "_" : tag
      if !detail.isEmpty { text += part.tagConfidences[index].wordTagSuffix(detail) }
    }
    if isLast { text += style == .penn ? "\n\n" : "\n" }
    try output.write(text)
  }

  public mutating func finish() throws {
    try output.flush()
  }

  /// The tag column; nil for a labelled sentence without one when labels are written, and for
  /// an empty sentence without one (a blank line a classifier read: nothing to tag).
  private func tagColumn(in sentence: Sentence) throws -> Int? {
    if (writesLabels && sentence.label != nil) || sentence.tokens.isEmpty,
      layer.columnIndex(in: sentence) == nil
    {
      return nil
    }
    return try layer.column(in: sentence, file: output.path, line: nil)
  }

  /// `LABEL[/0.9876|…]<TAB>` when labels are written and the sentence has one.
  private func labelPrefix(_ sentence: Sentence) throws -> String {
    guard writesLabels, let label = sentence.label else { return "" }
    try UnwritableCharacters.tabsAndLineBreaks.check(
      label, "the label", in: "a LABEL<TAB>words line", file: output.path)
    return label + (sentence.labelConfidence?.wordTagSuffix(confidence) ?? "") + "\t"
  }

  /// `/` as `\/`, whitespace as `_`, scalar by scalar (a combining mark after a space is one
  /// character with it, and must stay).
  static func escaped(_ word: String) -> String {
    guard word.utf8.contains(where: { $0 == 0x2F || $0 <= 0x20 }) else { return word }
    var result = String.UnicodeScalarView()
    for scalar in word.unicodeScalars {
      if scalar == "/" {
        result.append(contentsOf: "\\/".unicodeScalars)
      } else if scalar.properties.isWhitespace {
        result.append("_")
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }
}
