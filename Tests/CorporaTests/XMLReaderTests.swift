import Foundation
import Testing

@testable import Corpora

@Suite struct XMLReaderTests {
  @Test func tigerTerminalsBecomeTokensWithColumnsInFirstSeenOrder() throws {
    var reader = try TigerXMLReader(path: Fixtures.path("xml-tiger.xml"))
    let sentences = try reader.readAll()
    #expect(sentences.count == 2)
    let first = sentences[0]
    #expect(first.columnNames == ["word", "id", "lemma", "pos", "morph"])
    #expect(first.forms == ["Ein", "Mann", "&", "\"Ja\""])
    #expect(first.values(ofColumn: first.defaultTagColumn) == ["ART", "NN", "KON", "ITJ"])
    #expect(first.values(ofColumn: 4) == ["Nom.Sg.Masc", "Nom.Sg.Masc", "", ""], "-- is no value")
    #expect(first.tokens[0].values == ["Ein", "s1_1", "ein", "ART", "Nom.Sg.Masc"])
    #expect(first.attribute("id") == "s1")
    #expect(first.sourceLine == 8)
    let second = sentences[1]
    #expect(second.forms == ["--"], "a dash word is not \"no value\"")
    #expect(second.columnNames == ["word", "id", "lemma", "pos", "morph", "case"])
    #expect(second.tokens[0].values == ["--", "s2_1", "", "$(", "", ""])
  }

  @Test func npsPostsKeepClassUserAndMixedContentText() throws {
    var reader = try TigerXMLReader(path: Fixtures.path("xml-nps-crlf.xml"))
    let posts = try reader.readAll()
    #expect(posts.count == 2)
    #expect(posts[0].attributes.map(\.name) == ["class", "user", "text"])
    #expect(posts[0].attribute("class") == "Statement")
    #expect(posts[0].attribute("user") == "User7")
    #expect(posts[0].attribute("text") == "now im & left  ", "raw text, CR dropped by XML")
    #expect(posts[0].forms == ["now", "im", "&", "left"])
    #expect(posts[0].columnNames == ["word", "pos"])
    #expect(posts[0].defaultTagColumn == 1)
    #expect(posts[0].sourceLine == 4)
    #expect(posts[1].forms == [":P", "--", ""], "an empty word attribute is a value")
    #expect(posts[1].values(ofColumn: 1) == ["UH", ":", ""], "NPS keeps -- and empty pos")
    #expect(posts[1].sourceLine == 12)
  }

  @Test func teiTokensNestedInWrappersWithAttributesAsColumns() throws {
    var reader = try TEIReader(path: Fixtures.path("xml-tei.xml"))
    let sentences = try reader.readAll()
    #expect(sentences.count == 2)
    let first = sentences[0]
    #expect(first.forms == ["Janez", "gospod", ",", "&"], "other namespaces are ignored")
    #expect(first.columnNames == ["word", "xml:id", "upos", "msd", "lemma", "join"], "pos is UPOS")
    #expect(first.values(ofColumn: first.defaultTagColumn) == ["PROPN", "NOUN", "PUNCT", "SYM"])
    #expect(first.values(ofColumn: 5) == ["", "right", "", ""])
    #expect(first.tokens[0].values == ["Janez", "T1.w1", "PROPN", "XPOS=Npmsn", "Janez", ""])
    #expect(first.attribute("xml:id") == "T1.s1")
    #expect(sentences[1].columnNames.last == "type", "columns grow from sentence to sentence")
    #expect(sentences[1].tokens[0].values == ["grem", "", "VERB", "", "", "", "main"])
  }

  @Test func bncUsesC5AsDefaultTagAndTrimsWords() throws {
    var reader = try TEIReader(path: Fixtures.path("xml-bnc.xml"))
    let sentences = try reader.readAll()
    #expect(sentences.count == 1)
    let sentence = sentences[0]
    #expect(sentence.forms == ["The", "of", "course", "."])
    #expect(sentence.columnNames[sentence.defaultTagColumn] == "c5")
    #expect(sentence.values(ofColumn: sentence.defaultTagColumn) == ["AT0", "PRF", "NN1", "PUN"])
    #expect(sentence.attribute("n") == "1")
  }

  @Test func alpinoLeavesOrderedByBegin() throws {
    var reader = try AlpinoReader(path: Fixtures.path("xml-alpino.xml"))
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["Jan", "slaapt", "."], ["Ja"]])
    let first = sentences[0]
    #expect(first.values(ofColumn: first.defaultTagColumn) == ["name", "verb", "punct"])
    let postag = try #require(first.columnNames.firstIndex(of: "postag"))
    #expect(first.values(ofColumn: postag)[1] == "WW(pv,tgw,ev)")
    #expect(first.attribute("id") == "a1")
    #expect(first.attribute("sentence") == "Jan slaapt .")
    #expect(sentences[1].attribute("sentence") == "Ja")
  }

  @Test func genericMappingWithTextWords() throws {
    var options = ReaderOptions()
    options.xmlSentenceElement = "sent"
    options.xmlTokenElement = "tok"
    options.xmlTagAttribute = "tag"
    var reader = try GenericXMLReader(path: Fixtures.path("xml-generic.xml"), options: options)
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["I", "see"], ["hi"]])
    #expect(sentences[0].values(ofColumn: sentences[0].defaultTagColumn) == ["PRON", "VERB"])
    #expect(sentences[0].attribute("num") == "1")
  }

  @Test func genericMappingWithWordAttribute() throws {
    var options = ReaderOptions()
    options.xmlSentenceElement = "Post"
    options.xmlTokenElement = "t"
    options.xmlWordAttribute = "word"
    var reader = try makeSentenceReader(
      path: Fixtures.path("xml-nps-crlf.xml"), format: .xml, options: options)
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["now", "im", "&", "left"], [":P", "--", ""]])
  }

  @Test func latin1IsDecodedToUTF8() throws {
    var reader = try TigerXMLReader(path: Fixtures.path("xml-latin1.xml"))
    let sentences = try reader.readAll()
    #expect(sentences.first?.forms == ["Café", "groß"])
  }

  @Test(arguments: [
    ("xml-tiger.xml", CorpusFormat.tiger), ("xml-nps-crlf.xml", .tiger), ("xml-tei.xml", .tei),
    ("xml-bnc.xml", .tei), ("xml-alpino.xml", .alpino), ("xml-generic.xml", .xml),
  ])
  func dialectIsDetectedFromTheRoot(file: String, dialect: CorpusFormat) throws {
    #expect(try detectXMLDialect(path: Fixtures.path(file)) == dialect)
  }

  @Test(arguments: [
    ("xml-tiger.xml", ["Ein", "Mann", "&", "\"Ja\""]),
    ("xml-tei.xml", ["Janez", "gospod", ",", "&"]),
    ("xml-alpino.xml", ["Jan", "slaapt", "."]),
  ])
  func tigerFormatIsRefinedByTheRoot(file: String, firstWords: [String]) throws {
    var reader = try makeSentenceReader(path: Fixtures.path(file), format: .tiger)
    #expect(try reader.next()?.forms == firstWords)
  }

  @Test func unknownRootWithoutMappingIsRejected() throws {
    let error = try #require(throws: CorpusError.self) {
      _ = try makeSentenceReader(path: Fixtures.path("xml-generic.xml"), format: .tiger)
    }
    guard case .unknownFormat = error.kind else {
      Issue.record("expected unknownFormat, got \(error)")
      return
    }
  }

  @Test func explicitTagLayerIsResolvedWithAliases() throws {
    var options = ReaderOptions()
    options.tagLayer = .name("lemma")
    var reader = try TigerXMLReader(path: Fixtures.path("xml-missing-pos.xml"), options: options)
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .missingAttribute(element: "t", attribute: "lemma"))
    #expect(error.line == 7, "the first sentence has no lemma at all")
    options.tagLayer = .name("tag")
    reader = try TigerXMLReader(path: Fixtures.path("xml-tiger.xml"), options: options)
    #expect(try reader.readAll().count == 2, "tag → pos through the aliases")
  }
}
