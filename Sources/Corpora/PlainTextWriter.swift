/// Writes the words of each sentence on one line, separated by single spaces (tags are dropped).
///
/// A sentence without tokens is an empty line, so plain text read with `PlainTextReader` is
/// written back line for line (runs of spaces become one space). A word holding a line break,
/// which would split its sentence, is refused with a `CorpusError`.
public struct PlainTextWriter: SentenceWriter {
  private let output: TextOutput

  /// Creates a writer onto `output`.
  public init(output: TextOutput) {
    self.output = output
  }

  public mutating func write(_ sentence: Sentence) throws {
    for (index, form) in sentence.forms.enumerated() {
      try UnwritableCharacters.lineBreaks.check(
        form, "the word of token \(index + 1)", in: "a line of plain text", file: output.path)
    }
    var text = sentence.forms.joined(separator: " ")
    text += "\n"
    try output.write(text)
  }

  public mutating func finish() throws {
    try output.flush()
  }
}
