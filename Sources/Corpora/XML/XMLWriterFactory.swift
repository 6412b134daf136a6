/// Opens a writer for one of the XML dialects: TIGER-XML (`.tiger`, also for `.xml`) or TEI.
/// Probabilities (`options.confidence`) become `prob` and `KEY_prob` attributes.
///
/// - Throws: `CorpusError` of kind `.unknownFormat` for Alpino, which cannot be written.
func makeXMLWriter(format: CorpusFormat, output: TextOutput, options: WriterOptions) throws
  -> any SentenceWriter
{
  let writer: any SentenceWriter
  switch format {
  case .tiger, .xml: writer = TigerXMLWriter(output: output)
  case .tei: writer = TEIWriter(output: output)
  default:
    throw CorpusError(
      .unknownFormat("writing \(format.rawValue) is not supported; write tiger or tei"),
      file: output.path)
  }
  guard options.confidence.contains(.probability) else { return writer }
  return ConfidenceAttributesWriter(base: writer)
}
