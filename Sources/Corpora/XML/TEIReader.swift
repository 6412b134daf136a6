/// Reads TEI and BNC-XML sentences one at a time.
///
/// Accepts `<s>` elements holding `<w>`, `<pc>` and `<c>` tokens, possibly nested in `<rs>`,
/// `<mw>`, `<hi>` or other wrappers, in the TEI P5 namespace (`http://www.tei-c.org/ns/1.0`) or in
/// no namespace; elements of other namespaces are ignored. A token's word is its text, trimmed
/// (BNC writes a trailing space); its attributes (`pos`, `msd`, `lemma`, `ana`, `type`, `c5`,
/// `join`, `xml:id`, …) become columns in first-seen order. The sentence's attributes (`xml:id`,
/// `n`) are kept.
///
/// In TEI the `pos` attribute holds Universal POS tags (ELTeC and the TEI-encoded UD corpora), so
/// its column is named `upos`: CoNLL-U writers put it in the UPOS column, and the layer name
/// `pos` still finds it through `LayerSelector`'s aliases. The default tag layer is that column.
/// Under a BNC root (`<bncDoc>`) `pos` is BNC's own coarse tag set and keeps its name, and the
/// default tag layer is `c5`.
///
/// A sentence without tokens is skipped.
///
/// Rejects a token with no text and, unless lenient mode is on or `ReaderOptions.requiresTag` is
/// false, one without a value for the required tag layer; rejects entity references, which are
/// never expanded.
///
/// - Throws: `CorpusError` with file and line.
public struct TEIReader: SentenceReader, XMLDialectReader {
  /// The TEI P5 namespace.
  public static let namespace = "http://www.tei-c.org/ns/1.0"
  static let tokenElements: Set<String> = ["w", "pc", "c"]
  /// TEI attributes whose columns are renamed: `pos` holds UPOS.
  static let renamedAttributes = ["pos": "upos"]

  var state: XMLReadingState
  private var hasSeenRoot = false

  public var skippedErrors: [CorpusError] { state.skippedErrors }

  /// Opens a TEI or BNC-XML file.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
    let rules = XMLTokenRules(wordAttribute: nil, defaultTagAttribute: "pos", options: options)
    state = try XMLReadingState(
      path: path, rules: rules, options: options, renamedAttributes: Self.renamedAttributes)
  }

  public mutating func next() throws -> Sentence? {
    try nextSentence()
  }

  /// Whether the current element is a TEI element (TEI namespace or none) called `name`.
  private func isTEI(_ name: String) -> Bool {
    let uri = state.xml.namespaceURI
    return (uri == nil || uri == Self.namespace) && state.xml.localName == name
  }

  mutating func nextDraft() throws -> XMLSentenceDraft? {
    while try state.nextElement() {
      if !hasSeenRoot {
        hasSeenRoot = true
        if state.xml.localName == "bncDoc" { useBNCColumns() }
      }
      if isTEI("s") { return try readSentence() }
    }
    return nil
  }

  /// BNC-XML: `pos` keeps its name, and `c5` is the default tag layer.
  private mutating func useBNCColumns() {
    state.rules.defaultTagAttribute = "c5"
    state.columns = XMLColumns(wordAttribute: nil)  // no token has been read yet
  }

  /// Reads the current `<s>` up to its end.
  private mutating func readSentence() throws -> XMLSentenceDraft {
    let xml = state.xml
    var draft = try state.startDraft()
    let sentence = state.enterElement()
    while try state.read(in: sentence) {
      guard xml.kind == .element else { continue }
      let uri = xml.namespaceURI
      guard uri == nil || uri == Self.namespace, Self.tokenElements.contains(xml.localName)
      else { continue }
      var token = try state.tokenFromAttributes()
      let text = try state.elementText()
      token.form = text.isEmpty ? nil : text
      try draft.append(token, file: state.xml.path)
    }
    return draft
  }
}
