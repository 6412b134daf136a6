/// Writes sentences as `word/TAG` text, one sentence per line (or Penn `.pos` chunks).
///
/// The tag comes from the writer's tag layer (the sentence's default layer when `.default`).
/// A `/` in a word is written `\/`, whitespace inside a word becomes `_`, and an empty tag is
/// written as `_` so that every token reads back. In the `.penn` style each sentence is followed
/// by a blank line. A sentence without tokens is an empty line.
public struct WordTagWriter: SentenceWriter {
  private let output: TextOutput
  private let layer: LayerSelector
  private let style: WordTagReader.Style

  /// Creates a writer onto `output` that writes the tags of `layer`.
  public init(
    output: TextOutput, layer: LayerSelector = .default,
    style: WordTagReader.Style = .oneSentencePerLine
  ) {
    self.output = output
    self.layer = layer
    self.style = style
  }

  public mutating func write(_ sentence: Sentence) throws {
    guard let column = layer.columnIndex(in: sentence) else {
      throw CorpusError(
        .missingTagLayer(layer.description), file: output.path,
        excerpt: "columns: " + sentence.columnNames.joined(separator: " "))
    }
    var text = ""
    for (index, token) in sentence.tokens.enumerated() {
      if index > 0 { text += " " }
      text += Self.escaped(token.form)
      text += "/"
      let tag = token.values[column]
      text += tag.isEmpty ? "_" : tag
    }
    text += style == .penn ? "\n\n" : "\n"
    try output.write(text)
  }

  public mutating func finish() throws {
    try output.flush()
  }

  /// `/` as `\/`, whitespace as `_`.
  static func escaped(_ word: String) -> String {
    guard word.utf8.contains(where: { $0 == 0x2F || $0 <= 0x20 }) else { return word }
    var result = ""
    for character in word {
      if character == "/" {
        result += "\\/"
      } else if character.isWhitespace {
        result += "_"
      } else {
        result.append(character)
      }
    }
    return result
  }
}
