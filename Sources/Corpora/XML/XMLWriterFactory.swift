/// Opens a writer for one of the XML dialects: TIGER-XML (`.tiger`, also for `.xml`) or TEI.
///
/// - Throws: `CorpusError` of kind `.unknownFormat` for Alpino, which cannot be written.
func makeXMLWriter(format: CorpusFormat, output: TextOutput, options: WriterOptions) throws
  -> any SentenceWriter
{
  switch format {
  case .tiger, .xml: return TigerXMLWriter(output: output)
  case .tei: return TEIWriter(output: output)
  default:
    throw CorpusError(
      .unknownFormat("writing \(format.rawValue) is not supported; write tiger or tei"),
      file: output.path)
  }
}
