/// Opens a reader for one of the XML dialects.
///
/// `.tiger` is what format detection gives every XML file, so it is refined by the root element
/// (`detectXMLDialect(path:)`); `.tei` and `.alpino` are taken as given. `.xml` uses the generic
/// mapping when `options` names a sentence element and falls back to detection otherwise.
///
/// - Throws: `CorpusError` when the file cannot be opened, when its root element matches no
///   dialect and no mapping is given, or when it breaks before its root element.
func makeXMLReader(path: String, format: CorpusFormat, options: ReaderOptions) throws
  -> any SentenceReader
{
  var dialect = format
  if format == .xml && options.xmlSentenceElement != nil {
    return try GenericXMLReader(path: path, options: options)
  }
  if (format == .tiger || format == .xml) && path != "-" {
    dialect = try detectXMLDialect(path: path)
  }
  switch dialect {
  case .tei: return try TEIReader(path: path, options: options)
  case .alpino: return try AlpinoReader(path: path, options: options)
  case .tiger: return try TigerXMLReader(path: path, options: options)
  default:
    throw CorpusError(
      .unknownFormat(
        "the XML root element matches no known dialect (TIGER, NPS, TEI, Alpino); "
          + "give --format xml with a sentence and a token element"),
      file: path)
  }
}
