/// Writes sentences as CoNLL-U.
///
/// A sentence read from CoNLL-U is written back byte for byte: comments, multiword ranges and
/// empty nodes return to their places. A sentence from another format is mapped by column name
/// (`form`/`word`, `lemma`, `upos`, `xpos`/`pos`, `feats`/`morph`, …); missing columns become `_`
/// and IDs are numbered from 1.
public struct CoNLLUWriter: SentenceWriter {
  private let output: TextOutput

  /// Creates a writer onto `output`.
  public init(output: TextOutput) {
    self.output = output
  }

  public mutating func write(_ sentence: Sentence) throws {
    var text = ""
    for comment in sentence.comments {
      text += comment
      text += "\n"
    }
    let mapping = Self.columnMapping(for: sentence.columnNames)
    var extraIndex = 0
    for (index, token) in sentence.tokens.enumerated() {
      while extraIndex < sentence.extraLines.count,
        sentence.extraLines[extraIndex].tokenIndex <= index
      {
        appendLine(sentence.extraLines[extraIndex].fields, to: &text)
        extraIndex += 1
      }
      if let mapping {
        appendLine(Self.mappedFields(token, index: index, mapping: mapping), to: &text)
      } else {
        appendLine(token.values, to: &text)
      }
    }
    while extraIndex < sentence.extraLines.count {
      appendLine(sentence.extraLines[extraIndex].fields, to: &text)
      extraIndex += 1
    }
    text += "\n"
    try output.write(text)
  }

  public mutating func finish() throws {
    try output.flush()
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
    if names == CoNLLUReader.columnNames { return nil }
    let candidates: [[String]] = [
      ["id"], ["form", "word"], ["lemma"], ["upos", "cpostag"], ["xpos", "postag", "pos"],
      ["feats", "morph", "msd"], ["head"], ["deprel"], ["deps"], ["misc"],
    ]
    return candidates.map { options in options.lazy.compactMap { names.firstIndex(of: $0) }.first }
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
