/// Reads any XML corpus through an element/attribute mapping.
///
/// A sentence is each element whose local name is `ReaderOptions.xmlSentenceElement`; a token is
/// each element inside it named `xmlTokenElement`. The word is the token's attribute
/// `xmlWordAttribute` or, when that is nil, its trimmed text; its other attributes become columns
/// in first-seen order. The default tag layer is `xmlTagAttribute` (`pos` when nil). The sentence
/// element's attributes are kept.
///
/// A sentence without tokens is skipped.
///
/// Rejects a token without a word and, unless lenient mode is on or `ReaderOptions.requiresTag`
/// is false, one without a value for the required tag layer; rejects entity references, which
/// are never expanded.
///
/// - Throws: `CorpusError` with file and line.
public struct GenericXMLReader: SentenceReader, XMLDialectReader {
  var state: XMLReadingState
  private let sentenceElement: String
  private let tokenElement: String

  public var skippedErrors: [CorpusError] { state.skippedErrors }

  /// Opens `path` with the mapping in `options`.
  ///
  /// - Throws: `CorpusError` of kind `.unknownFormat` when the options name no sentence or token
  ///   element, `.io` when the file cannot be opened.
  public init(path: String, options: ReaderOptions) throws {
    guard let sentenceElement = options.xmlSentenceElement,
      let tokenElement = options.xmlTokenElement
    else {
      throw CorpusError(
        .unknownFormat("generic XML needs a sentence element and a token element"), file: path)
    }
    self.sentenceElement = sentenceElement
    self.tokenElement = tokenElement
    let rules = XMLTokenRules(
      wordAttribute: options.xmlWordAttribute,
      defaultTagAttribute: options.xmlTagAttribute ?? "pos", options: options)
    state = try XMLReadingState(path: path, rules: rules, options: options)
  }

  public mutating func next() throws -> Sentence? {
    try nextSentence()
  }

  mutating func nextDraft() throws -> XMLSentenceDraft? {
    while try state.nextElement() {
      if state.xml.localName == sentenceElement { return try readSentence() }
    }
    return nil
  }

  /// Reads the current sentence element up to its end.
  private mutating func readSentence() throws -> XMLSentenceDraft {
    let xml = state.xml
    var draft = try state.startDraft()
    let sentence = state.enterElement()
    while try state.read(in: sentence) {
      guard xml.kind == .element && xml.localName == tokenElement else { continue }
      var token = try state.tokenFromAttributes()
      if state.rules.wordAttribute == nil {
        let text = try state.elementText()
        token.form = text.isEmpty ? nil : text
      }
      try draft.append(token, file: state.xml.path)
    }
    return draft
  }
}
