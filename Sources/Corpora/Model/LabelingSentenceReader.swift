/// Gives each sentence of another reader its label, found where its format keeps one.
///
/// CoNLL-U comments `# KEY = VALUE`, XML sentence attributes (NPS Chat's `<Post class="…">`) and
/// JSON Lines string members are kept by their readers; this reader picks the label out of them
/// by name (`ReaderOptions.labelKey`, default `label`, plus `class` on XML sentences). Labelled
/// lines (`CorpusFormat.labeled`) carry their label already.
///
/// With `requiresLabel`, a sentence without a label is malformed: an error at its line, or a
/// skipped and counted sentence with `skipMalformed`. A file holding no label at all is one error
/// for the whole file: `file: no sentence labels (looked for …)`.
public struct LabelingSentenceReader: SentenceReader {
  private var base: any SentenceReader
  private let path: String
  private let commentKeys: [String]
  private let attributeKeys: [String]
  private let requiresLabel: Bool
  private let skipsMalformed: Bool
  /// Where labels were looked for, for messages.
  public let lookedFor: String
  private var labelledCount = 0
  private var missing: [CorpusError] = []

  /// Sentences skipped by the wrapped reader, then those skipped for lacking a label.
  public var skippedErrors: [CorpusError] { base.skippedErrors + missing }

  /// The reader whose sentences get their labels here.
  public var wrappedReader: any SentenceReader { base }

  /// Wraps `base`, which reads `path` in `format`.
  public init(
    _ base: any SentenceReader, path: String, format: CorpusFormat, options: ReaderOptions
  ) {
    self.base = base
    self.path = path
    let key = options.labelKey ?? Sentence.defaultLabelKey
    let attributeKey = options.xmlLabelAttribute ?? key
    switch format {
    case .conllu, .conllx: commentKeys = [key]
    default: commentKeys = []
    }
    switch format {
    case .jsonl: attributeKeys = [key]
    case _ where format.isXML:
      attributeKeys =
        options.labelKey == nil && options.xmlLabelAttribute == nil
        ? [key, "class"] : [attributeKey]
    default: attributeKeys = []
    }
    requiresLabel = options.requiresLabel
    skipsMalformed = options.skipMalformed
    lookedFor = Self.describe(
      format: format, commentKeys: commentKeys, attributeKeys: attributeKeys)
  }

  /// The next sentence with its label set when it has one.
  ///
  /// - Throws: `CorpusError` from the wrapped reader; with `requiresLabel`, `.missingLabel` at
  ///   a sentence without a label and `.noLabels` for a file without any.
  public mutating func next() throws -> Sentence? {
    while var sentence = try base.next() {
      if sentence.label == nil {
        sentence.adoptLabel(commentKeys: commentKeys, attributeKeys: attributeKeys)
      }
      guard requiresLabel, sentence.label == nil else {
        if sentence.label != nil { labelledCount += 1 }
        return sentence
      }
      let error = CorpusError(
        .missingLabel(lookedFor: lookedFor), file: path, line: sentence.sourceLine,
        excerpt: sentence.forms.joined(separator: " "))
      if skipsMalformed {
        missing.append(error)
        continue
      }
      if labelledCount == 0, try !restHasLabel() {
        throw CorpusError(.noLabels(lookedFor: lookedFor), file: path)
      }
      throw error
    }
    if requiresLabel, labelledCount == 0, !missing.isEmpty {
      throw CorpusError(.noLabels(lookedFor: lookedFor), file: path)
    }
    return nil
  }

  /// Reads on (the caller is about to fail anyway) to tell an unlabelled file from one bad
  /// sentence.
  private mutating func restHasLabel() throws -> Bool {
    while var sentence = try base.next() {
      if sentence.label != nil
        || sentence.adoptLabel(commentKeys: commentKeys, attributeKeys: attributeKeys)
      {
        return true
      }
    }
    return false
  }

  private static func describe(format: CorpusFormat, commentKeys: [String], attributeKeys: [String])
    -> String
  {
    if format == .labeled { return "\"label<TAB>text\" or \"__label__LABEL text\" lines" }
    if let key = commentKeys.first { return "\"# \(key) = …\" comments" }
    let quoted = attributeKeys.map { "\"\($0)\"" }.joined(separator: " or ")
    if format == .jsonl { return "a \(quoted) string member" }
    if format.isXML { return "a \(quoted) attribute on each sentence element" }
    return "a label, which \(format.rawValue) files cannot hold"
  }
}
