/// Writes one sentence per line as `LABEL<TAB>words`, the words joined by spaces; a sentence
/// without a label is written as its words alone.
///
/// `LabeledLineReader` reads the output back. A label cannot hold a tab or a line break, nor a
/// word a line break, which would break the line apart.
public struct LabeledLineWriter: SentenceWriter {
  private let output: TextOutput

  /// A writer onto `output`.
  public init(output: TextOutput) {
    self.output = output
  }

  /// Writes `sentence` on one line.
  ///
  /// - Throws: `CorpusError` for a label holding a tab or line break, or when writing fails.
  public mutating func write(_ sentence: Sentence) throws {
    var text = ""
    if let label = sentence.label {
      guard !label.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
        throw CorpusError(
          .invalidContent("a label cannot hold a tab or a line break"), file: output.path,
          excerpt: label)
      }
      text = label + "\t"
    }
    for (index, form) in sentence.forms.enumerated() {
      try UnwritableCharacters.lineBreaks.check(
        form, "the word of token \(index + 1)", in: "a LABEL<TAB>words line", file: output.path)
    }
    text += sentence.forms.joined(separator: " ")
    text += "\n"
    try output.write(text)
  }

  /// Flushes the output.
  public mutating func finish() throws {
    try output.flush()
  }
}
