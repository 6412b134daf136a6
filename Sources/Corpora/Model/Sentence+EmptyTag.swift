extension Sentence {
  /// The error for the first token whose value in `column` is empty, nil when every token has
  /// one: a tag of "" would be trained or scored as a real class (plain text, say, has a tag
  /// column with nothing in it). In a UPOS column `_` is empty too: it is CoNLL-U's empty value,
  /// and UPOS has no tag `_` (a partly annotated treebank would teach the tagger to answer it).
  ///
  /// - Parameter file: the file named in the error, at the sentence's first line.
  public func emptyTagError(column: Int, file: String) -> CorpusError? {
    let underscoreIsEmpty = columnNames[column] == "upos"
    guard
      let token = tokens.first(where: {
        $0.values[column].isEmpty || (underscoreIsEmpty && $0.values[column] == "_")
      })
    else { return nil }
    return CorpusError(
      .missingTag(columnNames[column]), file: file, line: sourceLine, excerpt: token.form)
  }
}
