import Foundation
import Testing

@testable import Corpora

@Suite struct XMLReaderErrorTests {
  /// Reads every sentence of `file` with the reader `format` selects and returns the error.
  private func readError(_ file: String, format: CorpusFormat = .tiger) throws -> CorpusError {
    let path = try Fixtures.path(file)
    return try #require(throws: CorpusError.self) {
      var reader = try makeSentenceReader(path: path, format: format)
      _ = try reader.readAll()
    }
  }

  @Test func mismatchedTagMessageIsPinned() throws {
    let path = try Fixtures.path("xml-mismatched-tag.xml")
    let error = try readError("xml-mismatched-tag.xml")
    #expect(
      error.description
        == "\(path):7: malformed XML: Opening and ending tag mismatch: w line 6 and s")
  }

  @Test func badEncodingIsMalformedXMLOnItsLine() throws {
    let error = try readError("xml-bad-encoding.xml")
    guard case .malformedXML(let diagnosis) = error.kind else {
      Issue.record("expected malformedXML, got \(error)")
      return
    }
    #expect(diagnosis.contains("not proper UTF-8"))
    #expect(error.line == 7)
    #expect(!diagnosis.contains("\n"), "libxml2's multi-line message is joined")
  }

  @Test func missingPOSNamesElementAndLine() throws {
    let path = try Fixtures.path("xml-missing-pos.xml")
    let error = try readError("xml-missing-pos.xml")
    #expect(error.kind == .missingAttribute(element: "t", attribute: "pos"))
    #expect(error.description == "\(path):15: <t> element has no \"pos\" attribute")
  }

  @Test func missingWordNamesElementAndLine() throws {
    let error = try readError("xml-missing-word.xml")
    #expect(error.kind == .missingAttribute(element: "t", attribute: "word"))
    #expect(error.line == 7)
  }

  @Test func lenientModeSkipsTheSentenceAndRecordsTheError() throws {
    var options = ReaderOptions()
    options.skipMalformed = true
    var reader = try makeSentenceReader(
      path: Fixtures.path("xml-missing-pos.xml"), format: .tiger, options: options)
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["Gut"], ["Ja"]])
    #expect(reader.skippedErrors.map(\.line) == [15])
  }

  @Test func lenientModeDoesNotHideMalformedXML() throws {
    var options = ReaderOptions()
    options.skipMalformed = true
    var reader = try makeSentenceReader(
      path: Fixtures.path("xml-mismatched-tag.xml"), format: .tei, options: options)
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.line == 7)
  }

  @Test func entityBombEndsInAnError() throws {
    let error = try readError("xml-entity-bomb.xml")
    guard case .malformedXML(let diagnosis) = error.kind else {
      Issue.record("expected malformedXML, got \(error)")
      return
    }
    #expect(diagnosis.lowercased().contains("entity"), "\(diagnosis)")
  }

  @Test func entityBombInTextEndsInAnError() throws {
    let directory = try TemporaryDirectory()
    let bomb = try String(contentsOfFile: Fixtures.path("xml-entity-bomb.xml"), encoding: .utf8)
      .replacingOccurrences(of: "word=\"&a9;\"", with: "word=\"x\">&a9;</t><t word=\"y\"")
    let path = try directory.write(bomb, named: "bomb-in-text.xml")
    var reader = try TigerXMLReader(path: path)
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .malformedXML("Detected an entity reference loop"))
    #expect(error.line == 19, "the document's line, not the entity's")
  }

  @Test(arguments: [
    "<corpus><body><s id=\"s1\"><t word=\"REFS\" pos=\"X\"/></s></body></corpus>",
    "<TEI><s><w pos=\"X\">REFS</w></s></TEI>",
  ])
  func quadraticBlowupIsRejectedBeforeExpansion(body: String) throws {
    let directory = try TemporaryDirectory()
    let big = String(repeating: "x", count: 100_000)
    let references = String(repeating: "&big;", count: 50_000)  // 5 GB once expanded
    let document =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE root [<!ENTITY big \"\(big)\">]>\n"
      + body.replacingOccurrences(of: "REFS", with: references) + "\n"
    var reader = try makeSentenceReader(
      path: directory.write(document, named: "quadratic.xml"), format: .tiger)
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(
      error.description.hasSuffix(
        ":3: entity reference &big; is not expanded (entities are not supported)"))
  }

  @Test func externalEntitiesAreNeitherReadNorFetched() throws {
    let error = try readError("xml-external-entity.xml", format: .tei)
    #expect(!error.description.contains("TOP-SECRET"))
    #expect(error.description.contains("&secret; is not expanded"), "\(error)")
    #expect(error.line == 10)
  }

  @Test func externalHTTPEntityOpensNoConnection() throws {
    let listener = try LoopbackListener()
    let directory = try TemporaryDirectory()
    let document = """
      <?xml version="1.0"?>
      <!DOCTYPE TEI [<!ENTITY remote SYSTEM "http://127.0.0.1:\(listener.port)/e.xml">]>
      <TEI><text><body><s><w pos="X">&remote;</w></s></body></text></TEI>
      """
    var reader = try TEIReader(path: directory.write(document, named: "remote.xml"))
    #expect(throws: CorpusError.self) { try reader.readAll() }
    #expect(!listener.hasPendingConnection(), "libxml2 tried to fetch the entity")
  }

  @Test func deepNestingEndsInAnError() throws {
    let directory = try TemporaryDirectory()
    let depth = 100_000
    let document =
      "<corpus><body><s id=\"s1\">" + String(repeating: "<x>", count: depth)
      + String(repeating: "</x>", count: depth) + "</s></body></corpus>\n"
    var reader = try TigerXMLReader(path: directory.write(document, named: "deep.xml"))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    guard case .malformedXML(let diagnosis) = error.kind else {
      Issue.record("expected malformedXML, got \(error)")
      return
    }
    #expect(diagnosis.contains("depth"), "\(diagnosis)")
  }

  @Test func repeatedXMLIDIsCaughtOnlyNearby() throws {
    let directory = try TemporaryDirectory()
    // libxml2's id table is dropped after each sentence (memory stays O(sentence)), so an id
    // repeated far away is accepted; the padding keeps the second sentence out of the chunk
    // libxml2 parses ahead.
    let padding = "<!--" + String(repeating: "x", count: 20_000) + "-->"
    let far =
      "<TEI><s><w xml:id=\"w1\" pos=\"X\">x</w></s>\(padding)"
      + "<s><w xml:id=\"w1\" pos=\"X\">y</w></s></TEI>\n"
    var reader = try TEIReader(path: directory.write(far, named: "far.xml"))
    #expect(try reader.readAll().map(\.forms) == [["x"], ["y"]])
    let near =
      "<TEI><s><w xml:id=\"w1\" pos=\"X\">x</w><w xml:id=\"w1\" pos=\"X\">y</w></s></TEI>\n"
    reader = try TEIReader(path: directory.write(near, named: "near.xml"))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .malformedXML("ID w1 already defined"))
  }

  @Test func alpinoLeafWithoutOrWithBadBeginIsRejected() throws {
    let error = try readError("xml-alpino-missing-begin.xml")
    #expect(error.kind == .missingAttribute(element: "node", attribute: "begin"))
    #expect(error.line == 6)
    var options = ReaderOptions()
    options.skipMalformed = true
    var reader = try AlpinoReader(
      path: Fixtures.path("xml-alpino-missing-begin.xml"), options: options)
    #expect(try reader.readAll().map(\.forms) == [["Nee"]])
    #expect(reader.skippedErrors.map(\.line) == [6, 11])
    #expect(
      reader.skippedErrors.last?.message == "<node> element has a non-integer \"begin\": \"x\"")
  }

  @Test func teiTokenWithoutTextIsRejected() throws {
    let path = try Fixtures.path("xml-empty-word.xml")
    let error = try readError("xml-empty-word.xml")
    #expect(error.description == "\(path):8: <w> element has no text")
  }

  @Test func genericXMLWithoutMappingIsRejected() throws {
    var options = ReaderOptions()
    options.xmlSentenceElement = "sent"
    let error = try #require(throws: CorpusError.self) {
      _ = try GenericXMLReader(path: Fixtures.path("xml-generic.xml"), options: options)
    }
    #expect(
      error.kind == .unknownFormat("generic XML needs a sentence element and a token element"))
  }

  @Test func missingFileIsAnIOError() throws {
    let error = try #require(throws: CorpusError.self) {
      _ = try TigerXMLReader(path: "/nonexistent/corpus.xml")
    }
    #expect(error.description == "/nonexistent/corpus.xml: no such file")
  }
}
