/// What every XML dialect reader shares: the pull reader, the growing column set, the token rules
/// and lenient-mode bookkeeping.
struct XMLReadingState {
  let xml: LibXML2Reader
  var columns: XMLColumns
  var rules: XMLTokenRules
  let skipsMalformed: Bool
  var skippedErrors: [CorpusError] = []

  init(xml: LibXML2Reader, rules: XMLTokenRules, skipsMalformed: Bool) {
    self.xml = xml
    self.rules = rules
    self.columns = XMLColumns(wordAttribute: rules.wordAttribute)
    self.skipsMalformed = skipsMalformed
  }

  /// The checked sentence, or nil when it has no tokens or lenient mode skipped it.
  ///
  /// - Throws: `CorpusError` for a token without word or tag, unless lenient mode is on.
  mutating func finish(_ draft: XMLSentenceDraft) throws -> Sentence? {
    xml.forgetIDs()
    guard !draft.tokens.isEmpty else { return nil }
    do {
      return try draft.sentence(columns: columns, rules: rules, file: xml.path)
    } catch let error as CorpusError where skipsMalformed {
      skippedErrors.append(error)
      return nil
    }
  }

  /// A token draft for the current element, its attributes stored as columns; the word attribute
  /// (`rules.wordAttribute`) becomes the form.
  ///
  /// - Parameter noValueMarker: a value that stands for "no value" and is stored as an empty
  ///   string (TIGER's `--`); the word is taken as it is.
  /// - Throws: `CorpusError` for an entity reference in an attribute value.
  mutating func tokenFromAttributes(noValueMarker: String? = nil) throws -> XMLTokenDraft {
    let xml = self.xml
    var token = XMLTokenDraft(element: xml.localName, line: xml.lineNumber)
    token.values.reserveCapacity(columns.names.count)
    var columns = self.columns
    try xml.forEachAttribute { nameID, value in
      let column = columns.index(ofNameID: nameID) { xml.name(nameID) }
      if column == 0 {
        token.form = value
      } else {
        token.set(value == noValueMarker ? "" : value, at: column)
      }
    }
    self.columns = columns
    return token
  }

  /// The attributes of the current element, in document order.
  ///
  /// - Throws: `CorpusError` for an entity reference in an attribute value.
  func attributes() throws -> [(name: String, value: String)] {
    var attributes: [(name: String, value: String)] = []
    try xml.forEachAttribute { attributes.append((xml.name($0), $1)) }
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
        return text.trimmingXMLWhitespace()
      default: break
      }
    }
    throw prematureEnd()
  }

  /// The error for an entity reference, which the reader never expands.
  func unexpandedEntity() -> CorpusError {
    CorpusError(
      .invalidContent(
        "entity reference &\(xml.localName); is not expanded (entities are not supported)"),
      file: xml.path, line: xml.lineNumber)
  }

  /// The error for a document that ends inside an element (libxml2 normally reports it first).
  func prematureEnd() -> CorpusError {
    CorpusError(
      .malformedXML("document ends inside an element"), file: xml.path, line: xml.lineNumber)
  }
}

extension String {
  /// The string without leading and trailing XML whitespace (space, tab, line feed, carriage
  /// return).
  func trimmingXMLWhitespace() -> String {
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    guard let first = utf8.firstIndex(where: { !isSpace($0) }),
      let last = utf8.lastIndex(where: { !isSpace($0) })
    else { return "" }
    if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return self }
    return String(self[first...last])
  }
}
