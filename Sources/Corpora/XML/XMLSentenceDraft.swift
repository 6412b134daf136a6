/// One token element as read, before it is checked.
struct XMLTokenDraft {
  /// The element's local name (`t`, `w`, `pc`, `node`).
  var element: String
  /// The 1-based line of the element.
  var line: Int
  /// The word; nil when the element has none.
  var form: String?
  /// Values by column index; nil where the element has no such attribute.
  var values: [String?] = []

  /// Sets the value of column `index`, growing `values` as needed.
  mutating func set(_ value: String, at index: Int) {
    if values.count <= index {
      values.append(contentsOf: repeatElement(nil, count: index + 1 - values.count))
    }
    values[index] = value
  }

  /// The value of column `index`, nil when the element has none.
  func value(at index: Int) -> String? {
    index < values.count ? values[index] : nil
  }
}

/// One sentence element as read: its attributes and token drafts.
struct XMLSentenceDraft {
  /// The sentence element's attributes (and derived ones such as NPS `text`).
  var attributes: [(name: String, value: String)] = []
  /// The 1-based line of the sentence element.
  var line: Int
  var tokens: [XMLTokenDraft] = []
}

extension XMLSentenceDraft {
  /// The finished sentence, after putting the tokens in order and checking that every token has
  /// a word and (when `rules.requiresTag`) a tag.
  ///
  /// - Throws: `CorpusError` naming the element and line of the first token without a word,
  ///   without a value for the required tag layer or without a valid order attribute.
  func sentence(columns: XMLColumns, rules: XMLTokenRules, file: String) throws -> Sentence {
    let defaultIndex = rules.defaultTagColumn(in: columns)
    let required = rules.requiredTagColumn(in: columns)
    var sentence = Sentence(
      columnNames: columns.names, attributes: attributes,
      defaultTagColumn: defaultIndex ?? required ?? 0, sourceLine: line)
    let ordered =
      try rules.orderAttribute.map { try orderedTokens(by: $0, columns, file) } ?? tokens
    sentence.tokens.reserveCapacity(ordered.count)
    for draft in ordered {
      guard let form = draft.form else {
        let kind: CorpusError.Kind =
          rules.wordAttribute.map { .missingAttribute(element: draft.element, attribute: $0) }
          ?? .invalidContent("<\(draft.element)> element has no text")
        throw CorpusError(kind, file: file, line: draft.line)
      }
      guard let required, !rules.requiresTag || draft.value(at: required) != nil else {
        let attribute =
          required.map(columns.attributeName(ofColumn:)) ?? rules.requiredAttribute
          ?? "column \(rules.requiredTagLayer)"
        throw CorpusError(
          .missingAttribute(element: draft.element, attribute: attribute), file: file,
          line: draft.line)
      }
      var values = draft.values.map { $0 ?? "" }
      values.append(contentsOf: repeatElement("", count: columns.names.count - values.count))
      values[0] = form
      sentence.tokens.append(Token(form: form, values: values))
    }
    return sentence
  }

  /// The tokens ordered by the integer attribute `attribute`, document order among equal values.
  ///
  /// - Throws: `CorpusError` for a token without the attribute or with a non-integer value.
  private func orderedTokens(by attribute: String, _ columns: XMLColumns, _ file: String) throws
    -> [XMLTokenDraft]
  {
    let column = columns.existingIndex(ofAttribute: attribute)
    var keyed: [(position: Int, token: XMLTokenDraft)] = []
    for token in tokens {
      guard let column, let text = token.value(at: column) else {
        throw CorpusError(
          .missingAttribute(element: token.element, attribute: attribute), file: file,
          line: token.line)
      }
      guard let position = Int(text) else {
        throw CorpusError(
          .invalidContent("<\(token.element)> element has a non-integer \"\(attribute)\""),
          file: file, line: token.line, excerpt: text)
      }
      keyed.append((position, token))
    }
    return keyed.enumerated()
      .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
      .map(\.element.token)
  }
}
