/// The syntax of a CoNLL-U FEATS value: `_`, or `Key=Value` pairs joined by `|`, a value being
/// one or more comma-separated parts (`Case=Nom|Number=Plur`, `PronType=Int,Rel`). Keys may
/// carry a layer in brackets (`Number[psor]=Sing`).
///
/// The check is about shape, not about which features UD defines: a key starts with a letter or
/// digit and holds letters, digits and `[]`; a value part holds letters, digits, `_` and `-`.
public enum FeatureBundle {
  /// What is wrong with `value` as a FEATS bundle, nil when it is well formed.
  public static func problem(in value: String) -> String? {
    if value == "_" { return nil }
    guard !value.isEmpty else { return "an empty FEATS value (write _ for none)" }
    for pair in value.split(separator: "|", omittingEmptySubsequences: false) {
      let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
      guard parts.count == 2 else { return "\"\(pair)\" is not Key=Value" }
      let (key, values) = (parts[0], parts[1])
      guard let first = key.unicodeScalars.first, isKeyStart(first),
        key.unicodeScalars.allSatisfy(isKeyScalar)
      else { return "\"\(key)\" is not a feature name" }
      for part in values.split(separator: ",", omittingEmptySubsequences: false) {
        guard !part.isEmpty, part.unicodeScalars.allSatisfy(isValueScalar) else {
          return "\"\(values)\" is not a value of \(key) (Value or Value1,Value2)"
        }
      }
    }
    return nil
  }

  /// Checks the FEATS column of a CoNLL-U sentence (one read with the CoNLL-U column names);
  /// other sentences, whose `feats` may follow another convention (CoNLL-X), pass unchecked.
  ///
  /// - Throws: `CorpusError` naming `file`, the token's line and the bad value.
  public static func check(_ sentence: Sentence, file: String) throws {
    guard sentence.columnNames == CoNLLDialect.conllu.columnNames,
      let column = sentence.columnNames.firstIndex(of: "feats")
    else { return }
    for (index, token) in sentence.tokens.enumerated() {
      guard let problem = problem(in: token.values[column]) else { continue }
      throw CorpusError(
        .invalidContent("FEATS must be Key=Value pairs joined by |: \(problem)"), file: file,
        line: sentence.lineOfToken(index), excerpt: token.values[column])
    }
  }

  private static func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
  }

  private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    isKeyStart(scalar) || scalar == "[" || scalar == "]"
  }

  private static func isValueScalar(_ scalar: Unicode.Scalar) -> Bool {
    isKeyStart(scalar) || scalar == "_" || scalar == "-"
  }
}

extension Sentence {
  /// The source line of token `index` in a line-per-token format (CoNLL, column files): the
  /// sentence's first line, then its comments, the extra lines before the token and the tokens
  /// before it. Nil when the sentence's line is unknown.
  public func lineOfToken(_ index: Int) -> Int? {
    guard sourceLine > 0 else { return nil }
    let extraBefore = extraLines.lazy.filter { $0.tokenIndex <= index }.count
    return sourceLine + comments.count + extraBefore + index
  }
}
