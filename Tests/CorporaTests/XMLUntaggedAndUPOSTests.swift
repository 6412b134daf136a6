import Foundation
import Testing

@testable import Corpora

/// Untagged XML input (`ReaderOptions.requiresTag`) and TEI's `pos` as UPOS.
@Suite struct XMLUntaggedAndUPOSTests {
  private func untaggedOptions(_ layer: LayerSelector = .default) -> ReaderOptions {
    var options = ReaderOptions()
    options.tagLayer = layer
    options.requiresTag = false
    return options
  }

  @Test func untaggedTIGERIsRejectedByDefault() throws {
    var reader = try TigerXMLReader(path: Fixtures.path("xml-untagged-tiger.xml"))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .missingAttribute(element: "t", attribute: "pos"))
    #expect(error.line == 8)
  }

  @Test func untaggedTIGERGetsAnEmptyPOSColumn() throws {
    var reader = try TigerXMLReader(
      path: Fixtures.path("xml-untagged-tiger.xml"), options: untaggedOptions())
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["Guten", "Tag"], ["Ja", "!"]])
    #expect(sentences[0].columnNames == ["word", "id", "lemma", "pos"])
    #expect(
      sentences[1].columnNames == ["word", "id", "lemma", "pos"], "the column keeps its place")
    #expect(sentences.map { $0.columnNames[$0.defaultTagColumn] } == ["pos", "pos"])
    #expect(
      sentences.map { $0.values(ofColumn: $0.defaultTagColumn) } == [["", ""], ["ITJ", ""]])
    #expect(reader.skippedErrors.isEmpty)
  }

  @Test func untaggedTIGERGetsTheRequestedLayerByName() throws {
    var reader = try TigerXMLReader(
      path: Fixtures.path("xml-untagged-tiger.xml"), options: untaggedOptions(.name("stts")))
    let first = try #require(try reader.next())
    let column = try #require(LayerSelector.name("stts").columnIndex(in: first))
    #expect(first.columnNames[column] == "stts")
    #expect(first.values(ofColumn: column) == ["", ""])
  }

  @Test func untaggedTEIGetsAnEmptyUPOSColumn() throws {
    let path = try Fixtures.path("xml-untagged-tei.xml")
    var strict = try TEIReader(path: path)
    let error = try #require(throws: CorpusError.self) { try strict.readAll() }
    #expect(error.kind == .missingAttribute(element: "w", attribute: "pos"), "the XML name")
    var reader = try TEIReader(path: path, options: untaggedOptions(.name("pos")))
    let sentence = try #require(try reader.next())
    #expect(sentence.forms == ["Janez", "gre", "."])
    #expect(sentence.columnNames == ["word", "lemma", "upos"])
    #expect(sentence.columnNames[sentence.defaultTagColumn] == "upos")
    #expect(sentence.values(ofColumn: sentence.defaultTagColumn) == ["", "", ""])
  }

  @Test func untaggedInputStillNeedsWords() throws {
    var reader = try TigerXMLReader(
      path: Fixtures.path("xml-missing-word.xml"), options: untaggedOptions())
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .missingAttribute(element: "t", attribute: "word"))
  }

  @Test func teiPOSIsReadAsUPOSAndStillFoundAsPOS() throws {
    var options = ReaderOptions()
    options.tagLayer = .name("pos")
    var reader = try makeSentenceReader(
      path: Fixtures.path("xml-tei.xml"), format: .tei, options: options)
    let first = try #require(try reader.next())
    let column = try #require(options.tagLayer.columnIndex(in: first))
    #expect(first.columnNames[column] == "upos")
    #expect(first.values(ofColumn: column) == ["PROPN", "NOUN", "PUNCT", "SYM"])
  }

  @Test func teiPOSGoesToTheCoNLLUUPOSColumn() throws {
    var reader = try TEIReader(path: Fixtures.path("xml-tei.xml"))
    let first = try #require(try reader.next())
    let mapping = try #require(CoNLLUWriter.columnMapping(for: first.columnNames))
    #expect(mapping[3].map { first.columnNames[$0] } == "upos")
    #expect(mapping[4] == nil, "XPOS stays empty")
    let text = try RoundTrip.text(of: [first], in: .conllu)
    #expect(text.hasPrefix("1\tJanez\tJanez\tPROPN\t_\tXPOS=Npmsn\t"))
  }

  @Test func bncPOSKeepsItsName() throws {
    var reader = try TEIReader(path: Fixtures.path("xml-bnc.xml"))
    let sentence = try #require(try reader.next())
    #expect(sentence.columnNames.contains("pos") && !sentence.columnNames.contains("upos"))
    #expect(sentence.columnNames[sentence.defaultTagColumn] == "c5")
  }

  @Test func tigerPOSGoesToTheCoNLLUXPOSColumn() throws {
    var reader = try TigerXMLReader(path: Fixtures.path("xml-tiger.xml"))
    let first = try #require(try reader.next())
    let mapping = try #require(CoNLLUWriter.columnMapping(for: first.columnNames))
    #expect(mapping[3] == nil)
    #expect(mapping[4].map { first.columnNames[$0] } == "pos")
  }
}
