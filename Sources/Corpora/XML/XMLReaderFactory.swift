/// Opens a reader for one of the XML dialects.
///
/// - Throws: `CorpusError` when the file cannot be opened.
func makeXMLReader(path: String, format: CorpusFormat, options: ReaderOptions) throws
  -> any SentenceReader
{
  throw CorpusError(.unknownFormat("reading \(format.rawValue) is not supported yet"), file: path)
}
