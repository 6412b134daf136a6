/// Tells the XML dialect of `path` from its root element and namespace.
///
/// `<corpus>` is TIGER-XML, `<Session>` and `<Posts>` are NPS Chat (read as `.tiger`), `<TEI>`,
/// `<teiCorpus>`, `<bncDoc>` or any root in the TEI namespace are `.tei`, `<alpino_ds>`,
/// `<treebank>` and `<alpino>` (NLTK's Alpino corpus: many `<alpino_ds>` in one file) are
/// `.alpino`; any other root is `.xml` (the generic mapping). Only the start of
/// the file is parsed.
///
/// - Throws: `CorpusError` of kind `.io` when the file cannot be opened, `.malformedXML` when it
///   breaks before its root element, `.invalidContent` when it has no root element.
public func detectXMLDialect(path: String) throws -> CorpusFormat {
  let xml = try LibXML2Reader(path: path)
  while try xml.read() {
    guard xml.kind == .element else { continue }
    return xmlDialect(rootElement: xml.localName, namespace: xml.namespaceURI)
  }
  throw CorpusError(.invalidContent("the document has no root element"), file: xml.path)
}

/// The dialect a root element stands for.
func xmlDialect(rootElement: String, namespace: String?) -> CorpusFormat {
  switch rootElement {
  case "corpus", "Session", "Posts": return .tiger
  case "TEI", "teiCorpus", "bncDoc": return .tei
  case "alpino_ds", "treebank", "alpino": return .alpino
  default: return namespace == TEIReader.namespace ? .tei : .xml
  }
}
