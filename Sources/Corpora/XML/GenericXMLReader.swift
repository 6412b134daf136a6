import Foundation

/// Reads any XML corpus through an element/attribute mapping.
///
/// A sentence is each element that matches `ReaderOptions.xmlSentenceElement`; a token is each
/// element inside it that matches `xmlTokenElement`. Both are `ElementPattern`s: a local name with
/// optional XPath-style predicates (`word[not(@artificial)]`, `s[@type="main"]`). The word is the token's attribute
/// `xmlWordAttribute` or, when that is nil, its trimmed text; its other attributes become columns
/// in first-seen order. The default tag layer is `xmlTagAttribute` (`pos` when nil). The sentence
/// element's attributes are kept.
///
/// A sentence without tokens is skipped.
///
/// Skips a token element without a word (an empty, elliptic or artificial token) and counts it in
/// `wordlessTokenCount`, keeping its sentence. Unless lenient mode is on or `ReaderOptions.requiresTag`
/// is false, rejects a token without a value for the required tag layer; rejects entity references, which
/// are never expanded.
///
/// - Throws: `CorpusError` with file and line.
public struct GenericXMLReader: SentenceReader, XMLDialectReader {
  var state: XMLReadingState
  private let sentenceElement: ElementPattern
  private let tokenElement: ElementPattern
  /// Token elements skipped because they had no word (empty, elliptic or artificial tokens).
  public private(set) var wordlessTokenCount = 0

  public var skippedErrors: [CorpusError] { state.skippedErrors }

  /// Opens `path` with the mapping in `options`.
  ///
  /// - Throws: `CorpusError` of kind `.unknownFormat` when the options name no sentence or token
  ///   element, `.io` when the file cannot be opened.
  public init(path: String, options: ReaderOptions) throws {
    guard let sentenceText = options.xmlSentenceElement,
      let tokenText = options.xmlTokenElement
    else {
      throw CorpusError(
        .unknownFormat("generic XML needs a sentence element and a token element"), file: path)
    }
    guard let sentenceElement = ElementPattern(parsing: sentenceText),
      let tokenElement = ElementPattern(parsing: tokenText)
    else {
      throw CorpusError(
        .unknownFormat("malformed element pattern in \"\(sentenceText)\" or \"\(tokenText)\""),
        file: path)
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
      let state = self.state
      if try sentenceElement.matches(localName: state.xml.localName, attributes: state.attributes) {
        return try readSentence()
      }
    }
    return nil
  }

  /// Reads the current sentence element up to its end.
  private mutating func readSentence() throws -> XMLSentenceDraft {
    let xml = state.xml
    var draft = try state.startDraft()
    let sentence = state.enterElement()
    while try state.read(in: sentence) {
      guard xml.kind == .element,
        try tokenElement.matches(localName: xml.localName, attributes: state.attributes)
      else { continue }
      var token = try state.tokenFromAttributes()
      if state.rules.wordAttribute == nil {
        let text = try state.elementText()
        token.form = text.isEmpty ? nil : text
      }
      guard token.form != nil else {
        wordlessTokenCount += 1  // an empty or elliptic token: skipped, not the whole sentence
        continue
      }
      try draft.append(token, file: state.xml.path)
    }
    return draft
  }
}
