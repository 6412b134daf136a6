/// What every XML dialect reader shares: the pull reader, the growing column set, the token rules
/// and lenient-mode bookkeeping.
struct XMLReadingState {
  let xml: LibXML2Reader
  var columns = XMLColumns()
  var rules: XMLTokenRules
  let skipsMalformed: Bool
  var skippedErrors: [CorpusError] = []

  init(xml: LibXML2Reader, rules: XMLTokenRules, skipsMalformed: Bool) {
    self.xml = xml
    self.rules = rules
    self.skipsMalformed = skipsMalformed
  }

  /// The checked sentence, or nil when it has no tokens or lenient mode skipped it.
  ///
  /// - Throws: `CorpusError` for a token without word or tag, unless lenient mode is on.
  mutating func finish(_ draft: XMLSentenceDraft) throws -> Sentence? {
    guard !draft.tokens.isEmpty else { return nil }
    do {
      return try draft.sentence(columns: columns, rules: rules, file: xml.path)
    } catch let error as CorpusError where skipsMalformed {
      skippedErrors.append(error)
      return nil
    }
  }

  /// A token draft for the current element, its attributes stored as columns.
  ///
  /// - Parameters:
  ///   - wordAttribute: the attribute that holds the word (it becomes column 0), or nil.
  ///   - noValueMarker: a value that stands for "no value" and is stored as an empty string
  ///     (TIGER's `--`).
  /// - Throws: `CorpusError` for an entity reference in an attribute value.
  mutating func tokenFromAttributes(wordAttribute: String?, noValueMarker: String? = nil) throws
    -> XMLTokenDraft
  {
    var token = XMLTokenDraft(element: xml.localName, line: xml.lineNumber)
    var columns = self.columns
    try xml.forEachAttribute { name, value in
      if name == wordAttribute {
        token.form = value
        return
      }
      token.set(value == noValueMarker ? "" : value, at: columns.index(of: name))
    }
    self.columns = columns
    return token
  }

  /// The attributes of the current element, in document order.
  ///
  /// - Throws: `CorpusError` for an entity reference in an attribute value.
  func attributes() throws -> [(name: String, value: String)] {
    var attributes: [(name: String, value: String)] = []
    try xml.forEachAttribute { attributes.append(($0, $1)) }
    return attributes
  }

  /// The text inside the current element (descendants included), trimmed; moves to its end.
  ///
  /// - Throws: `CorpusError` for malformed XML or an unexpanded entity reference.
  func elementText() throws -> String {
    if xml.isEmptyElement { return "" }
    let depth = xml.depth
    var text = ""
    while try xml.read() {
      switch xml.kind {
      case .text, .whitespace: text += xml.text
      case .entityReference: throw unexpandedEntity()
      case .endElement where xml.depth == depth:
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
      default: break
      }
    }
    throw prematureEnd()
  }

  /// The error for an entity reference, which the reader never expands.
  func unexpandedEntity() -> CorpusError {
    CorpusError(
      .invalidContent("entity reference &\(xml.localName); is not expanded (entities are not supported)"),
      file: xml.path, line: xml.lineNumber)
  }

  /// The error for a document that ends inside an element (libxml2 normally reports it first).
  func prematureEnd() -> CorpusError {
    CorpusError(.malformedXML("document ends inside an element"), file: xml.path, line: xml.lineNumber)
  }
}
