import Foundation
import Testing

@testable import Corpora

@Suite struct PlainTextReaderTests {
  @Test func oneSentencePerLineAndBlankLinesAreEmptySentences() throws {
    var reader = try PlainTextReader(path: Fixtures.path("plain.txt"))
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["The", "cat", "sat", "."], [], ["A", "dog"]])
    #expect(sentences[0].columnNames == ["form", "tag"])
    #expect(sentences[0].values(ofColumn: sentences[0].defaultTagColumn) == ["", "", "", ""])
    #expect(sentences[2].sourceLine == 3)
  }

  @Test func writerKeepsTheLines() throws {
    let text = try RoundTrip.convert(Fixtures.path("plain.txt"), from: .plain, to: .plain)
    #expect(String(decoding: text, as: UTF8.self) == "The cat sat .\n\nA dog\n")
  }

  @Test func invalidUTF8IsAnErrorAndLenientModeSkipsTheLine() throws {
    let bytes: [UInt8] = Array("ok\n".utf8) + [0x61, 0x20, 0xFF, 0x0A] + Array("fine\n".utf8)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("\u{FFFD}"), "String(decoding:) repairs, so test the reader on a file")
    let directory = try TemporaryDirectory()
    let path = try directory.write(Data(bytes), named: "bad.txt")
    var strict = try PlainTextReader(path: path)
    let error = try #require(throws: CorpusError.self) { try strict.readAll() }
    #expect(error.kind == .invalidUTF8)
    #expect(error.line == 2)
    #expect(error.column == 3)
    var lenient = try PlainTextReader(path: path, skipMalformed: true)
    #expect(try lenient.readAll().map(\.forms) == [["ok"], ["fine"]])
    #expect(lenient.skippedErrors.count == 1)
  }
}
