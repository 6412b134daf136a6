/// Reads TEI and BNC-XML sentences one at a time.
///
/// Accepts `<s>` elements holding `<w>`, `<pc>` and `<c>` tokens, possibly nested in `<rs>`,
/// `<mw>`, `<hi>` or other wrappers, in the TEI P5 namespace (`http://www.tei-c.org/ns/1.0`) or in
/// no namespace; elements of other namespaces are ignored. A token's word is its text, trimmed
/// (BNC writes a trailing space); its attributes (`pos`, `msd`, `lemma`, `ana`, `type`, `c5`,
/// `join`, `xml:id`, …) become columns in first-seen order. The sentence's attributes (`xml:id`,
/// `n`) are kept. The default tag layer is `pos`, or `c5` under a BNC root (`<bncDoc>`).
///
/// A sentence without tokens is skipped.
///
/// Rejects a token with no text and, unless lenient mode is on, one without a value for the
/// required tag layer; rejects entity references, which are never expanded.
///
/// - Throws: `CorpusError` with file and line.
public struct TEIReader: SentenceReader {
  /// The TEI P5 namespace.
  public static let namespace = "http://www.tei-c.org/ns/1.0"
  static let tokenElements: Set<String> = ["w", "pc", "c"]

  private var state: XMLReadingState
  private var hasSeenRoot = false

  public var skippedErrors: [CorpusError] { state.skippedErrors }

  /// Opens a TEI or BNC-XML file.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
    let rules = XMLTokenRules(
      wordAttribute: nil, defaultTagLayer: "pos", requiredTagLayer: options.tagLayer)
    state = XMLReadingState(
      xml: try LibXML2Reader(path: path), rules: rules, skipsMalformed: options.skipMalformed)
  }

  public mutating func next() throws -> Sentence? {
    while let draft = try nextDraft() {
      if let sentence = try state.finish(draft) { return sentence }
    }
    return nil
  }

  /// Whether the current element is a TEI element (TEI namespace or none) called `name`.
  private func isTEI(_ name: String) -> Bool {
    let uri = state.xml.namespaceURI
    return (uri == nil || uri == Self.namespace) && state.xml.localName == name
  }

  private mutating func nextDraft() throws -> XMLSentenceDraft? {
    let xml = state.xml
    while try xml.read() {
      guard xml.kind == .element else { continue }
      if !hasSeenRoot {
        hasSeenRoot = true
        if xml.localName == "bncDoc" { state.rules.defaultTagLayer = "c5" }
      }
      if isTEI("s") { return try readSentence() }
    }
    return nil
  }

  /// Reads the current `<s>` up to its end.
  private mutating func readSentence() throws -> XMLSentenceDraft {
    let xml = state.xml
    var draft = XMLSentenceDraft(attributes: try state.attributes(), line: xml.lineNumber)
    if xml.isEmptyElement { return draft }
    let depth = xml.depth
    while try xml.read() {
      switch xml.kind {
      case .element:
        let uri = xml.namespaceURI
        guard uri == nil || uri == Self.namespace, Self.tokenElements.contains(xml.localName)
        else { continue }
        var token = try state.tokenFromAttributes()
        let text = try state.elementText()
        token.form = text.isEmpty ? nil : text
        draft.tokens.append(token)
      case .entityReference:
        throw state.unexpandedEntity()
      case .endElement where xml.depth == depth:
        return draft
      default:
        break
      }
    }
    throw state.prematureEnd()
  }
}
