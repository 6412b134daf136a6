import Foundation
import Testing

@testable import Corpora

@Suite struct CoNLLUReaderTests {
  @Test func readsTokensCommentsAndExtraLines() throws {
    var reader = try CoNLLUReader(path: Fixtures.path("sample.conllu"))
    let sentences = try reader.readAll()
    #expect(sentences.count == 2)
    let first = sentences[0]
    #expect(first.comments == ["# sent_id = s1", "# text = I don't know."])
    #expect(first.forms == ["I", "do", "n't", "know", "."])
    #expect(first.values(ofColumn: 3) == ["PRON", "AUX", "PART", "VERB", "PUNCT"])
    #expect(first.extraLines.map(\.tokenIndex) == [1, 4])
    #expect(first.extraLines[1].fields[0] == "4.1")
    #expect(first.sourceLine == 1)
    #expect(sentences[1].forms == ["New York", "!"])
    #expect(sentences[1].tokens[0].values[9] == "", "a trailing empty field is data")
    #expect(sentences[1].sourceLine == 11)
  }

  @Test func writingBackGivesTheSameBytes() throws {
    let path = try Fixtures.path("sample.conllu")
    #expect(try RoundTrip.convert(path, from: .conllu, to: .conllu) == RoundTrip.bytes(path))
  }

  @Test(arguments: [
    ("ragged-line.conllu", 2, "raggedLine"),
    ("bad-id-sequence.conllu", 2, "badID"),
    ("invalid-utf8.conllu", 2, "invalidUTF8"),
    ("empty-form.conllu", 2, "emptyForm"),
  ])
  func rejectsMalformedInput(file: String, line: Int, kind: String) throws {
    var reader = try CoNLLUReader(path: Fixtures.path(file))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.line == line)
    #expect(String(describing: error.kind).hasPrefix(kind))
  }

  @Test func raggedLineMessageIsCompilerStyle() throws {
    var reader = CoNLLUReader(
      text: "1\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\n\n", name: "dev.conllu")
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(
      error.description
        == "dev.conllu:1: expected 10 tab-separated fields, found 9: \"1\\tcat\\tcat\\tNOUN\\tNN\\t_\\t0\\troot\\t_\""
    )
  }

  @Test func aRangePastTheLastWordNamesItsOwnLine() throws {
    let text = """
      # sent_id = a
      1\tGood\tgood\tADJ\tJJ\t_\t0\troot\t_\t_

      # sent_id = b
      # text = I don't
      1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_
      2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
      2\tdo\tdo\tAUX\tVBP\t_\t1\taux\t_\t_
      3-4\tn't\t_\t_\t_\t_\t_\t_\t_\t_
      3\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_


      """
    var reader = CoNLLUReader(text: text, name: "mwt.conllu")
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.line == 9, "the 3-4 line, not the sentence's first")
    #expect(error.description.hasPrefix("mwt.conllu:9: "))
    #expect(error.description.contains("3-4"))
  }

  @Test func invalidUTF8NamesTheColumn() throws {
    var reader = try CoNLLUReader(path: Fixtures.path("invalid-utf8.conllu"))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.column == 4)
  }

  @Test func lenientModeSkipsAndCountsBadSentences() throws {
    var reader = try CoNLLUReader(
      path: Fixtures.path("one-bad-sentence.conllu"), skipMalformed: true)
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["Good"], ["Fine"]])
    #expect(reader.skippedErrors.count == 1)
    #expect(reader.skippedErrors.first?.line == 3)
  }

  @Test(.enabled(if: Fixtures.hasSharedData, Fixtures.sharedDataMissing))
  func ewtCountsAndRoundTrip() throws {
    let directory = try #require(Fixtures.sharedData) + "/ud/en_ewt/"
    let expected = [("train", 12_544, 204_577), ("dev", 2_001, 25_147), ("test", 2_077, 25_094)]
    for (split, sentenceCount, wordCount) in expected {
      let path = directory + "en_ewt-ud-\(split).conllu"
      var reader = try CoNLLUReader(path: path)
      let sentences = try reader.readAll()
      #expect(sentences.count == sentenceCount)
      #expect(sentences.reduce(0) { $0 + $1.tokens.count } == wordCount)
      #expect(
        try RoundTrip.text(of: sentences, in: .conllu).utf8.elementsEqual(RoundTrip.bytes(path)),
        "\(split) round trip")
    }
  }
}
