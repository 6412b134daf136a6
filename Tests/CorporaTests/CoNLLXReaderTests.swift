import Foundation
import Testing

@testable import Corpora

@Suite struct CoNLLXReaderTests {
  @Test func readsColumnsAndDefaultLayer() throws {
    var reader = try CoNLLXReader(path: Fixtures.path("sample.conllx"))
    let sentences = try reader.readAll()
    #expect(sentences.count == 2)
    #expect(sentences[0].columnNames == CoNLLXReader.columnNames)
    #expect(sentences[0].forms == ["The", "cat", "sat"])
    #expect(sentences[0].columnNames[sentences[0].defaultTagColumn] == "cpostag")
    #expect(sentences[0].values(ofColumn: 4) == ["DT", "NN", "VBD"])
    #expect(sentences[1].comments == ["# id = 2"])
    #expect(sentences[1].sourceLine == 5)
  }

  @Test func roundTripIsByteIdentical() throws {
    let path = try Fixtures.path("sample.conllx")
    #expect(try RoundTrip.convert(path, from: .conllx, to: .conllx) == RoundTrip.bytes(path))
  }

  @Test(arguments: [("range-id.conllx", "2-3"), ("skipped-id.conllx", "3")])
  func rejectsIDsOutOfSequence(file: String, foundID: String) throws {
    var reader = try CoNLLXReader(path: Fixtures.path(file))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.line == 2)
    #expect(error.kind == .badID(expected: "2", found: foundID))
  }

  @Test func badIDMessageNamesFileLineAndBothIDs() throws {
    var reader = CoNLLXReader(
      text: "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2-3\tb\t_\t_\t_\t_\t_\t_\t_\t_\n\n", name: "x.conll")
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.description == "x.conll:2: bad token ID: expected 2, found \"2-3\"")
  }

  @Test func raggedLineIsRejected() throws {
    var reader = CoNLLXReader(text: "1\ta\ta\tX\tX\t_\t0\troot\n\n")
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .raggedLine(expected: 10, found: 8))
  }

  @Test func lenientModeSkipsTheBadSentence() throws {
    let text =
      "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t0\troot\t_\t_\n\n"
      + "1\tc\tc\tY\tY\t_\t0\troot\t_\t_\n\n"
    var reader = CoNLLXReader(text: text, skipMalformed: true)
    #expect(try reader.readAll().map(\.forms) == [["c"]])
    #expect(reader.skippedErrors.map(\.line) == [2])
  }

  @Test func conlluBecomesCoNLLXWithoutRangesOrComments() throws {
    let text = try RoundTrip.convert(Fixtures.path("sample.conllu"), to: .conllx)
    var reader = CoNLLXReader(text: String(decoding: text, as: UTF8.self))
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["I", "do", "n't", "know", "."], ["New York", "!"]])
    #expect(sentences[0].comments.isEmpty)
    #expect(sentences[0].values(ofColumn: 3) == ["PRON", "AUX", "PART", "VERB", "PUNCT"])
  }

  @Test func columnFileFillsBothTagColumns() throws {
    let sentence = Sentence(
      columnNames: ["word", "pos", "chunk"],
      tokens: [Token(form: "He", values: ["He", "PRP", "B-NP"])], defaultTagColumn: 2)
    let text = try RoundTrip.text(of: [sentence], in: .conllx)
    #expect(text == "1\tHe\t_\tPRP\tPRP\t_\t_\t_\t_\t_\n\n")
  }
}
