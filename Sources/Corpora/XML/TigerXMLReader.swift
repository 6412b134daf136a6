/// Reads TIGER-XML terminals and NPS Chat posts one sentence at a time.
///
/// TIGER-XML: `<corpus><head>…</head><body><s id><graph><terminals><t id word pos lemma morph …/>`.
/// Each `<s>` is a sentence with its attributes (`id`); each `<t>` is a token whose `word` is the
/// word and whose other attributes become columns in first-seen order (`id`, `pos`, `lemma`,
/// `morph`, …). Non-terminals and edges are skipped. A value of `--` means "no value" and is
/// stored as an empty string.
///
/// NPS Chat (root `<Session>` or `<Posts>`): each `<Post class user>` is a sentence; the post's
/// raw text before `<terminals>` becomes the sentence attribute `text`, verbatim. `--` is an
/// ordinary value there (a dash token), and an empty attribute (`pos=""`) is a value too.
///
/// A sentence without tokens is skipped.
///
/// The default tag layer is `pos` (Penn Treebank tags in NPS Chat, STTS in TIGER). Rejects a `<t>`
/// without `word` and, unless lenient mode is on or `ReaderOptions.requiresTag` is false, a `<t>`
/// without a value for the required tag layer. For untagged input that layer's column exists
/// even when no `<t>` has it, its values empty.
///
/// - Throws: `CorpusError` with file and line: `.malformedXML` for broken XML (also in lenient
///   mode, since parsing cannot go on), `.missingAttribute` for an incomplete token.
public struct TigerXMLReader: SentenceReader, XMLDialectReader {
  var state: XMLReadingState
  /// The sentence element: `s` for TIGER, `Post` for NPS; known once the root is read.
  private var sentenceElement: String?

  public var skippedErrors: [CorpusError] { state.skippedErrors }

  /// Opens a TIGER-XML or NPS Chat file.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
    let rules = XMLTokenRules(wordAttribute: "word", defaultTagAttribute: "pos", options: options)
    state = try XMLReadingState(path: path, rules: rules, options: options)
  }

  public mutating func next() throws -> Sentence? {
    try nextSentence()
  }

  mutating func nextDraft() throws -> XMLSentenceDraft? {
    while try state.nextElement() {
      let name = state.xml.localName
      if sentenceElement == nil {
        sentenceElement = name == "Session" || name == "Posts" ? "Post" : "s"
      }
      if name == sentenceElement { return try readSentence() }
    }
    return nil
  }

  /// Reads the current sentence element up to its end.
  private mutating func readSentence() throws -> XMLSentenceDraft {
    let xml = state.xml
    var draft = try state.startDraft()
    let sentence = state.enterElement()
    let isNPS = sentenceElement == "Post"
    var postText: String? = isNPS ? "" : nil
    while try state.read(in: sentence) {
      switch xml.kind {
      case .element where xml.localName == "t":
        try draft.append(
          state.tokenFromAttributes(noValueMarker: isNPS ? nil : "--"), file: xml.path)
      case .element where xml.localName == "terminals" && postText != nil:
        if let text = postText { draft.attributes.append(("text", text)) }
        postText = nil
      case .text where postText != nil && xml.depth == sentence.depth + 1,
        .whitespace where postText != nil && xml.depth == sentence.depth + 1:
        postText? += xml.text
      default:
        break
      }
    }
    return draft
  }
}
