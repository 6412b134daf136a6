/// Writes sentences as CoNLL-X.
///
/// A sentence read from CoNLL-X is written back byte for byte (comments included). A sentence
/// from another format is mapped by column name: `cpostag` from `upos`/`pos`/`tag`, `postag`
/// from `xpos`/`pos`/`tag`, `form` from `word`, and so on; missing or empty values become `_`,
/// IDs are numbered from 1, and CoNLL-U comments, multiword ranges and empty nodes are dropped
/// (CoNLL-X has none).
public struct CoNLLXWriter: SentencePartWriter {
  private var base: CoNLLUWriter

  /// Creates a writer onto `output` that writes the confidences `confidence` asks for (label
  /// comments only: CoNLL-X has no MISC column).
  public init(output: TextOutput, confidence: ConfidenceDetail = []) {
    base = CoNLLUWriter(output: output, dialect: .conllx, confidence: confidence)
  }

  public mutating func write(_ sentence: Sentence) throws {
    try base.write(sentence)
  }

  public mutating func writePart(_ part: Sentence, isFirst: Bool, isLast: Bool) throws {
    try base.writePart(part, isFirst: isFirst, isLast: isLast)
  }

  public mutating func finish() throws {
    try base.finish()
  }
}
