/// Reads Alpino dependency treebanks one sentence at a time.
///
/// Each `<alpino_ds>` is a sentence, alone as the root or one of many under `<treebank>`. Its
/// words are the leaf `<node>`s, those with a `word` attribute, ordered by their integer `begin`;
/// their other attributes (`pos`, `postag`, `lemma`, `begin`, `end`, `rel`, …) become columns in
/// first-seen order. The attributes of `<alpino_ds>` are kept, and the text of its `<sentence>`
/// becomes the sentence attribute `sentence`. The default tag layer is `pos`.
///
/// A sentence without tokens is skipped.
///
/// Rejects a leaf without `begin` or with a non-integer one and, unless lenient mode is on, a
/// leaf without a value for the required tag layer.
///
/// - Throws: `CorpusError` with file and line.
public struct AlpinoReader: SentenceReader {
  private var state: XMLReadingState

  public var skippedErrors: [CorpusError] { state.skippedErrors }

  /// Opens an Alpino file (`<alpino_ds>` or `<treebank>` root).
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
    let rules = XMLTokenRules(
      wordAttribute: "word", defaultTagLayer: "pos", requiredTagLayer: options.tagLayer)
    state = XMLReadingState(
      xml: try LibXML2Reader(path: path), rules: rules, skipsMalformed: options.skipMalformed)
  }

  public mutating func next() throws -> Sentence? {
    while var draft = try nextDraft() {
      do {
        try sortByBegin(&draft)
      } catch let error as CorpusError where state.skipsMalformed {
        state.skippedErrors.append(error)
        continue
      }
      if let sentence = try state.finish(draft) { return sentence }
    }
    return nil
  }

  private mutating func nextDraft() throws -> XMLSentenceDraft? {
    let xml = state.xml
    while try xml.read() {
      if xml.kind == .element && xml.localName == "alpino_ds" { return try readSentence() }
    }
    return nil
  }

  /// Reads the current `<alpino_ds>` up to its end, collecting its leaves in document order.
  private mutating func readSentence() throws -> XMLSentenceDraft {
    let xml = state.xml
    var draft = XMLSentenceDraft(attributes: try state.attributes(), line: xml.lineNumber)
    if xml.isEmptyElement { return draft }
    let depth = xml.depth
    while try xml.read() {
      switch xml.kind {
      case .element where xml.localName == "node" && xml.hasAttribute("word"):
        draft.tokens.append(try state.tokenFromAttributes())
      case .element where xml.localName == "sentence":
        draft.attributes.append(("sentence", try state.elementText()))
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

  /// Orders the leaves by `begin`, keeping document order among equal positions.
  private func sortByBegin(_ draft: inout XMLSentenceDraft) throws {
    let column = state.columns.existingIndex(of: "begin")
    var keyed: [(begin: Int, token: XMLTokenDraft)] = []
    for token in draft.tokens {
      guard let column, token.hasValue(at: column), let text = token.values[column] else {
        throw CorpusError(
          .missingAttribute(element: token.element, attribute: "begin"), file: state.xml.path,
          line: token.line)
      }
      guard let begin = Int(text) else {
        throw CorpusError(
          .invalidContent("<\(token.element)> element has a non-integer \"begin\""),
          file: state.xml.path, line: token.line, excerpt: text)
      }
      keyed.append((begin, token))
    }
    draft.tokens = keyed.enumerated()
      .sorted { ($0.element.begin, $0.offset) < ($1.element.begin, $1.offset) }
      .map(\.element.token)
  }
}
