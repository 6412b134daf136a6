/// Opens a writer for one of the XML dialects (TIGER-XML, TEI).
///
/// - Throws: `CorpusError` when the format cannot be written.
func makeXMLWriter(format: CorpusFormat, output: TextOutput, options: WriterOptions) throws
  -> any SentenceWriter
{
  throw CorpusError(.unknownFormat("writing \(format.rawValue) is not supported yet"), file: output.path)
}
