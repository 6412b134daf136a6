import Foundation
import Testing

@testable import Corpora

@Suite struct TSVTests {
  @Test func readsWordTagColumns() throws {
    var reader = try ColumnReader(path: Fixtures.path("sample.tsv"), separator: .tab)
    let sentences = try reader.readAll()
    #expect(reader.columnNames == ["word", "tag"])
    #expect(sentences.map(\.forms) == [["The", "end"], ["Yes"]])
    #expect(sentences[0].values(ofColumn: sentences[0].defaultTagColumn) == ["DT", "NN"])
  }

  @Test func roundTripIsByteIdentical() throws {
    let path = try Fixtures.path("sample.tsv")
    #expect(try RoundTrip.convert(path, to: .tsv) == RoundTrip.bytes(path))
  }

  @Test func fieldsAreSplitOnTabsOnly() throws {
    var reader = try ColumnReader(text: "New York\tNNP\n\n", separator: .tab)
    #expect(try reader.next()?.forms == ["New York"])
  }

  @Test func raggedLineIsAnError() throws {
    var reader = try ColumnReader(path: Fixtures.path("ragged-line.tsv"), separator: .tab)
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .raggedLine(expected: 2, found: 1))
    #expect(error.line == 2)
  }

  @Test func tagLayerRestrictsTheColumns() throws {
    var options = WriterOptions()
    options.tagLayer = .name("upos")
    let text = try RoundTrip.convert(
      Fixtures.path("sample.conllu"), to: .tsv, writerOptions: options)
    let lines = String(decoding: text, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.prefix(2) == ["I\tPRON", "do\tAUX"])
  }

  @Test func conlluWritesEveryColumnButTheID() throws {
    let text = try RoundTrip.convert(Fixtures.path("sample.conllu"), to: .tsv)
    let first = String(decoding: text, as: UTF8.self).prefix { $0 != "\n" }
    #expect(
      first == "I\tI\tPRON\tPRP\tCase=Nom|Number=Sing|Person=1|PronType=Prs\t4\tnsubj\t4:nsubj\t_")
  }
}
