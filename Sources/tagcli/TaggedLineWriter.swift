import Corpora
import Tagger

/// Output formats of `tagcli tag` for raw-text input.
enum TagOutputFormat: String, CaseIterable {
  case wordtag, tsv, conllu, json, tiger

  /// The Corpora format that writes it.
  var corpusFormat: CorpusFormat {
    switch self {
    case .wordtag: return .wordTag
    case .tsv: return .tsv
    case .conllu: return .conllu
    case .json: return .jsonl
    case .tiger: return .tiger
    }
  }
}

/// Writes tagged sentences from raw-text input, one input line at a time, through the Corpora
/// writer of the output format: `convert` and `tag` write a format the same way (escaping
/// included), and the server writes its CoNLL-U and `word/TAG` answers the same way too.
///
/// `--probs` and `--top K` (K > 1) become the writers' `ConfidenceDetail`; the layout of each
/// format is in `ConfidenceDetail`'s table. A sentence label goes where its format keeps one
/// (`WriterOptions.writesLabels` for `word/TAG` and TSV). An empty input line gives an empty
/// line in `wordtag` and `json` (an empty `words` array) and a blank line in `tsv`; CoNLL-U and
/// TIGER-XML have no empty sentences, so there it gives nothing.
struct TaggedLineWriter {
  let format: TagOutputFormat
  /// The name of the tag column in the sentences written (see `Sentence.predictedTagColumn`).
  let tagColumn: String
  /// The name a sentence label is written under (`# KEY = …`, a JSON key, an XML attribute).
  let labelKey: String
  /// Whether the model has a tag head; a sentence classifier's lines carry its label only.
  let writesTags: Bool
  /// The columns of a several-layer model's other layers, named after them (`xpos`, `feats`):
  /// CoNLL-U fills its columns of those names, TSV and JSON Lines add them, and formats with
  /// one tag (`word/TAG`, TIGER-XML) keep the first layer only.
  let layerColumns: [String]
  private let output: TextOutput
  private var writer: any SentenceWriter

  /// A writer of `format` onto `output` for the predictions of `model`.
  ///
  /// - Throws: `CorpusError` when the format cannot be written.
  init(
    format: TagOutputFormat, output: TextOutput, confidence: ConfidenceDetail,
    model: TaggerModel
  ) throws {
    self.format = format
    self.output = output
    tagColumn = Sentence.predictedTagColumn(
      for: format.corpusFormat, modelLayer: model.provenance.tagLayer)
    labelKey = model.heads.label?.key ?? Sentence.defaultLabelKey
    writesTags = model.heads.tags != nil
    layerColumns = model.heads.outputLayers.dropFirst().map(\.description)
    var options = WriterOptions()
    options.tagLayer = .name(tagColumn)
    options.confidence = confidence
    options.writesLabels = true
    writer = try makeSentenceWriter(format: format.corpusFormat, output: output, options: options)
  }

  /// Whether a line can be written in consecutive parts (`wordtag` and `tsv`), so that a very
  /// long line's predictions need not all be held at once.
  var writesLinesInParts: Bool { writer is any SentencePartWriter }

  /// Writes one sentence: its words with their predicted tags (empty without a tag head) and
  /// its predicted label (nil without a label head).
  mutating func write(words: [String], predictions: [TagPrediction], label: LabelPrediction? = nil)
    throws
  {
    guard !words.isEmpty || format.corpusFormat.writesEmptySentences else { return }
    try writer.write(sentence(words, predictions, label))
  }

  /// Writes consecutive words of `line` (`words` is a range of it) and their predictions;
  /// `isLast` ends the line.
  ///
  /// The concatenated parts are exactly what `write(words:predictions:)` writes for the whole
  /// line: the first part carries the whole line's `# text` comment (CoNLL-U writes it).
  mutating func writePart(
    words: ArraySlice<String>, of line: [String], predictions: ArraySlice<TagPrediction>,
    isFirst: Bool, isLast: Bool
  ) throws {
    guard var partWriter = writer as? any SentencePartWriter else {
      preconditionFailure("\(format) lines cannot be written in parts")
    }
    var part = sentence(Array(words), Array(predictions), nil)
    part.comments = isFirst ? [Sentence.textComment(line)] : []
    try partWriter.writePart(part, isFirst: isFirst, isLast: isLast)
    writer = partWriter
  }

  private func sentence(
    _ words: [String], _ predictions: [TagPrediction], _ label: LabelPrediction?
  ) -> Sentence {
    Sentence(
      words: words, predictions: writesTags ? predictions : [], label: label,
      tagColumn: writesTags ? tagColumn : nil, labelKey: labelKey, layerColumns: layerColumns)
  }

  /// Pushes out what is buffered, so that a line typed at a terminal is answered at once.
  func flush() throws {
    try output.flush()
  }

  /// Writes what the format needs at the end (closing tags) and flushes.
  mutating func finish() throws {
    try writer.finish()
  }
}
