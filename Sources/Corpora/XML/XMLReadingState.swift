/// A dialect reader: it finds the next sentence element and reads it into a draft, and
/// `nextSentence()` turns the drafts into sentences.
protocol XMLDialectReader {
  /// The shared reading state.
  var state: XMLReadingState { get set }

  /// The next sentence element read into a draft, or nil at the end of the document.
  ///
  /// - Throws: `CorpusError` for malformed XML or an unexpanded entity reference.
  mutating func nextDraft() throws -> XMLSentenceDraft?
}

extension XMLDialectReader {
  /// The next sentence with tokens; in lenient mode incomplete sentences are skipped.
  ///
  /// - Throws: `CorpusError` for malformed XML, or an incomplete token in strict mode.
  mutating func nextSentence() throws -> Sentence? {
    while let draft = try nextDraft() {
      if let sentence = try state.finish(draft) { return sentence }
    }
    return nil
  }
}

/// What every XML dialect reader shares: the pull reader, the growing column set, the token rules
/// and lenient-mode bookkeeping.
struct XMLReadingState {
  let xml: LibXML2Reader
  var columns: XMLColumns
  var rules: XMLTokenRules
  let skipsMalformed: Bool
  var skippedErrors: [CorpusError] = []

  /// Opens `path` for a dialect with `rules`; `renamedAttributes` name the columns of some
  /// attributes (see `XMLColumns`).
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  init(
    path: String, rules: XMLTokenRules, options: ReaderOptions,
    renamedAttributes: [String: String] = [:]
  ) throws {
    xml = try LibXML2Reader(path: path)
    self.rules = rules
    columns = XMLColumns(
      wordAttribute: rules.wordAttribute, renamedAttributes: renamedAttributes)
    skipsMalformed = options.skipMalformed
  }

  /// The checked sentence, or nil when it has no tokens or lenient mode skipped it.
  ///
  /// For untagged input (`rules.requiresTag` false) the required tag layer gets a column even
  /// when no token has it, so a tagger can fill it in.
  ///
  /// - Throws: `CorpusError` for a token without word or tag, unless lenient mode is on.
  mutating func finish(_ draft: XMLSentenceDraft) throws -> Sentence? {
    xml.forgetIDs()
    guard !draft.tokens.isEmpty else { return nil }
    if !rules.requiresTag && rules.requiredTagColumn(in: columns) == nil,
      let attribute = rules.requiredAttribute
    {
      _ = columns.index(ofAttribute: attribute)
    }
    do {
      return try draft.sentence(columns: columns, rules: rules, file: xml.path)
    } catch let error as CorpusError where skipsMalformed {
      skippedErrors.append(error)
      return nil
    }
  }

  /// Moves to the next element start; false at the end of the document.
  ///
  /// - Throws: `CorpusError` for malformed XML.
  func nextElement() throws -> Bool {
    while try xml.read() {
      if xml.kind == .element { return true }
    }
    return false
  }

  /// A draft for the sentence element at the reader, with its attributes and line.
  ///
  /// - Throws: `CorpusError` for an entity reference in an attribute value.
  func startDraft() throws -> XMLSentenceDraft {
    XMLSentenceDraft(attributes: try attributes(), line: xml.lineNumber)
  }

  /// The element at the reader, for reading its content with `read(in:)`.
  func enterElement() -> XMLElementScope {
    XMLElementScope(depth: xml.depth, isEmpty: xml.isEmptyElement)
  }

  /// Moves to the next node inside `element`: false at the element's end (at once for `<x/>`).
  ///
  /// - Throws: `CorpusError` for malformed XML, an entity reference (never expanded) or a
  ///   document that ends inside the element.
  func read(in element: XMLElementScope) throws -> Bool {
    if element.isEmpty { return false }
    guard try xml.read() else { throw prematureEnd() }
    switch xml.kind {
    case .entityReference: throw unexpandedEntity()
    case .endElement: return xml.depth != element.depth
    default: return true
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
    let element = enterElement()
    var text = ""
    while try read(in: element) {
      if xml.kind == .text || xml.kind == .whitespace { text += xml.text }
    }
    return text.trimmingXMLWhitespace()
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

/// An element whose content is being read (see `XMLReadingState.read(in:)`).
struct XMLElementScope {
  /// The element's depth; the root element is at depth 0.
  let depth: Int
  /// Whether the element is written `<x/>`, without content or end tag.
  let isEmpty: Bool
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
