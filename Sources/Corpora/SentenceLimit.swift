/// The most lines one sentence may have in the multi-line formats, which bounds a reader's memory.
///
/// CoNLL-U and CoNLL-X (word, range, empty-node and comment lines), column files and TSV (token
/// lines) and every XML dialect (token elements) stop with a `CorpusError` at the line or element
/// past the limit, rather than holding an unbounded sentence: a treebank's longest sentences have
/// a few hundred tokens, so this only stops files that lack sentence breaks. One-line-per-sentence
/// formats (plain text, `word/TAG`, JSON Lines) hold their one line, however long, and
/// `tagcli tag` tags long sentences in windows.
public enum SentenceLimit {
  /// Lines (or token elements) per sentence.
  public static let maxLines = 100_000

  /// The error kind for a sentence past the limit.
  static var exceeded: CorpusError.Kind {
    .invalidContent(
      "sentence has more than \(maxLines) lines (the readers' limit, which bounds their memory); "
        + "is a sentence break missing?")
  }
}

extension XMLSentenceDraft {
  /// Adds a token draft, refusing more than `SentenceLimit.maxLines` per sentence.
  ///
  /// - Throws: `CorpusError` naming `file` and the token's line past the limit.
  mutating func append(_ token: XMLTokenDraft, file: String) throws {
    guard tokens.count < SentenceLimit.maxLines else {
      throw CorpusError(SentenceLimit.exceeded, file: file, line: token.line)
    }
    tokens.append(token)
  }
}
