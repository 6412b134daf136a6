/// Reads Alpino dependency treebanks one sentence at a time.
///
/// Each `<alpino_ds>` is a sentence, alone as the root or one of many under `<treebank>` or `<alpino>` (NLTK). Its
/// words are the leaf `<node>`s, those with a `word` attribute, ordered by their integer `begin`;
/// their other attributes (`pos`, `postag`, `lemma`, `begin`, `end`, `rel`, …) become columns in
/// first-seen order. The attributes of `<alpino_ds>` are kept, and the text of its `<sentence>`
/// becomes the sentence attribute `sentence`. The default tag layer is `pos`.
///
/// A sentence without tokens is skipped.
///
/// Rejects a leaf without `begin` or with a non-integer one and, unless lenient mode is on or
/// `ReaderOptions.requiresTag` is false, a leaf without a value for the required tag layer.
///
/// - Throws: `CorpusError` with file and line.
public struct AlpinoReader: SentenceReader, XMLDialectReader {
  var state: XMLReadingState

  public var skippedErrors: [CorpusError] { state.skippedErrors }

  /// Opens an Alpino file (`<alpino_ds>` or `<treebank>` root).
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
    let rules = XMLTokenRules(
      wordAttribute: "word", defaultTagAttribute: "pos", options: options,
      orderAttribute: "begin")
    state = try XMLReadingState(path: path, rules: rules, options: options)
  }

  public mutating func next() throws -> Sentence? {
    try nextSentence()
  }

  mutating func nextDraft() throws -> XMLSentenceDraft? {
    while try state.nextElement() {
      if state.xml.localName == "alpino_ds" { return try readSentence() }
    }
    return nil
  }

  /// Reads the current `<alpino_ds>` up to its end, collecting its leaves in document order.
  private mutating func readSentence() throws -> XMLSentenceDraft {
    let xml = state.xml
    var draft = try state.startDraft()
    let sentence = state.enterElement()
    while try state.read(in: sentence) {
      guard xml.kind == .element else { continue }
      if xml.localName == "node" && xml.hasAttribute("word") {
        try draft.append(state.tokenFromAttributes(), file: xml.path)
      } else if xml.localName == "sentence" {
        draft.attributes.append(("sentence", try state.elementText()))
      }
    }
    return draft
  }
}
