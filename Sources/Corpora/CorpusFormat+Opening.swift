import Foundation

/// Opens a reader for `path` in `format` (detected with `CorpusFormat.detect(path:)` when nil).
///
/// XML formats go to the XML readers; every other format to its reader in this module, with
/// `options` (lenient mode, column names and word column of column files and TSV).
///
/// - Throws: `CorpusError` when the file cannot be opened or its format is unknown, and for `-`
///   when standard input is closed (file descriptor 0 would otherwise be the next file opened,
///   and `-` would read that file).
public func makeSentenceReader(
  path: String, format: CorpusFormat? = nil, options: ReaderOptions = ReaderOptions()
) throws -> any SentenceReader {
  try refuseClosedStandardInput(path: path, advice: "give a file or pipe the corpus in")
  let format = try format ?? CorpusFormat.detect(path: path)
  return LabelingSentenceReader(
    try makeFormatReader(path: path, format: format, options: options), path: path,
    format: format, options: options)
}

/// Refuses `-` (standard input) when standard input is closed: file descriptor 0 would
/// otherwise be the next file opened, and `-` would read that file.
///
/// - Parameters:
///   - path: The path given; only `-` is checked.
///   - advice: What to do instead, after "standard input is closed; ".
/// - Throws: `CorpusError` naming `<stdin>`.
public func refuseClosedStandardInput(path: String = "-", advice: String) throws {
  guard path == "-", fcntl(0, F_GETFD) == -1 else { return }
  throw CorpusError(.io("standard input is closed; \(advice)"), file: "<stdin>")
}

/// The reader of one format, before labels are picked out.
private func makeFormatReader(path: String, format: CorpusFormat, options: ReaderOptions) throws
  -> any SentenceReader
{
  let lenient = options.skipMalformed
  switch format {
  case .conllu: return try CoNLLUReader(path: path, skipMalformed: lenient)
  case .conllx: return try CoNLLXReader(path: path, skipMalformed: lenient)
  case .columns: return try ColumnReader(path: path, separator: .whitespace, options: options)
  case .tsv: return try ColumnReader(path: path, separator: .tab, options: options)
  case .wordTag, .penn:
    return try WordTagReader(
      path: path, style: format == .penn ? .penn : .oneSentencePerLine, skipMalformed: lenient,
      requiresTag: options.requiresTag)
  case .plain: return try PlainTextReader(path: path, skipMalformed: lenient)
  case .jsonl: return try JSONLinesReader(path: path, skipMalformed: lenient)
  case .labeled: return try LabeledLineReader(path: path, skipMalformed: lenient)
  case .tiger, .tei, .alpino, .xml:
    return try makeXMLReader(path: path, format: format, options: options)
  }
}

/// Opens a writer of `format` onto `output`.
///
/// XML formats go to the XML writers. Sentences from another format are mapped by column name
/// (see each writer). `options.tagLayer` chooses the tag written by `word/TAG` writers and, when
/// not `.default`, restricts TSV to the word and that layer. `options.confidence` and
/// `options.writesLabels` reach every writer that has a place for them (see `ConfidenceDetail`).
///
/// - Throws: `CorpusError` when the format cannot be written.
public func makeSentenceWriter(
  format: CorpusFormat, output: TextOutput, options: WriterOptions = WriterOptions()
) throws -> any SentenceWriter {
  switch format {
  case .conllu: return CoNLLUWriter(output: output, confidence: options.confidence)
  case .conllx: return CoNLLXWriter(output: output, confidence: options.confidence)
  case .columns:
    return ColumnWriter(
      output: output, separator: .whitespace, confidence: options.confidence,
      writesLabels: options.writesLabels)
  case .tsv:
    let layer = options.tagLayer == .default ? nil : options.tagLayer
    return ColumnWriter(
      output: output, separator: .tab, layer: layer, confidence: options.confidence,
      writesLabels: options.writesLabels)
  case .wordTag, .penn:
    return WordTagWriter(
      output: output, layer: options.tagLayer,
      style: format == .penn ? .penn : .oneSentencePerLine, confidence: options.confidence,
      writesLabels: options.writesLabels)
  case .plain: return PlainTextWriter(output: output)
  case .jsonl:
    return JSONLinesWriter(
      output: output, tagLayer: options.tagLayer, confidence: options.confidence)
  case .labeled: return LabeledLineWriter(output: output)
  case .tiger, .tei, .alpino, .xml:
    return try makeXMLWriter(format: format, output: output, options: options)
  }
}
