/// Writes the words of each sentence on one line, separated by single spaces (tags are dropped).
///
/// A sentence without tokens is an empty line, so plain text read with `PlainTextReader` is
/// written back line for line (runs of spaces become one space).
public struct PlainTextWriter: SentenceWriter {
  private let output: TextOutput

  /// Creates a writer onto `output`.
  public init(output: TextOutput) {
    self.output = output
  }

  public mutating func write(_ sentence: Sentence) throws {
    var text = sentence.forms.joined(separator: " ")
    text += "\n"
    try output.write(text)
  }

  public mutating func finish() throws {
    try output.flush()
  }
}
