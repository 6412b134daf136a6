import Foundation
import Testing

@testable import Corpora

@Suite struct CoNLLUWriterTests {
  @Test func emptyWordIsWrittenAsUnderscoreAndReadsBack() throws {
    var reader = try TigerXMLReader(path: Fixtures.path("xml-nps-crlf.xml"))
    let posts = try reader.readAll()
    #expect(posts[1].forms == [":P", "--", ""])
    let text = try RoundTrip.text(of: posts, in: .conllu)
    #expect(text.contains("3\t_\t_\t_\t_\t"), "the empty word and its empty pos are _")
    var again = CoNLLUReader(text: text)
    let reread = try again.readAll()
    #expect(reread.map(\.forms) == [["now", "im", "&", "left"], [":P", "--", "_"]])
    #expect(reread[1].values(ofColumn: 4) == ["UH", ":", "_"], "Penn tags go to XPOS")
  }

  @Test func emptyFormOfACoNLLUShapedSentenceIsWrittenAsUnderscore() throws {
    var values = Array(repeating: "_", count: 10)
    values[0] = "1"
    values[1] = ""
    let sentence = Sentence(
      columnNames: CoNLLUReader.columnNames, tokens: [Token(form: "", values: values)],
      defaultTagColumn: 3)
    #expect(try RoundTrip.text(of: [sentence], in: .conllu) == "1\t_\t_\t_\t_\t_\t_\t_\t_\t_\n\n")
  }

  @Test func sentenceIdOfAnotherFormatBecomesASentIdComment() throws {
    var reader = try TigerXMLReader(path: Fixtures.path("xml-tiger.xml"))
    let sentences = try reader.readAll()
    let id = try #require(sentences.first?.attribute("id"))
    let text = try RoundTrip.text(of: sentences, in: .conllu)
    #expect(text.hasPrefix("# sent_id = \(id)\n1\t"))
    var again = CoNLLUReader(text: text)
    #expect(try again.readAll().first?.comments == ["# sent_id = \(id)"])
  }
}
