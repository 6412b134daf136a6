import Foundation
import Testing

@testable import Corpora

/// `LayerSelector` is parsed once and saved as the string the user typed, so model files written
/// when the layer was a plain string decode to the same selector.
@Suite struct LayerSelectorTests {
  @Test(arguments: [
    ("upos", LayerSelector.name("upos")), ("XPOS", .name("xpos")), ("3", .column(3)),
    ("default", .default), ("", .default), ("0", .name("0")), ("msd", .name("msd")),
  ])
  func decodesTheStringFormOfOldModelFiles(text: String, expected: LayerSelector) throws {
    let json = Data(("[" + JSONLinesWriter.quoted(text) + "]").utf8)
    #expect(try JSONDecoder().decode([LayerSelector].self, from: json) == [expected])
  }

  @Test(arguments: [LayerSelector.name("upos"), .column(2), .default, .name("ne")])
  func encodesAsItsDescription(selector: LayerSelector) throws {
    let encoded = String(decoding: try JSONEncoder().encode([selector]), as: UTF8.self)
    #expect(encoded == "[\"\(selector.description)\"]")
    #expect(try JSONDecoder().decode([LayerSelector].self, from: Data(encoded.utf8)) == [selector])
  }

  @Test func aMissingLayerNamesTheFileTheLineAndTheColumns() throws {
    let sentence = Sentence(
      columnNames: ["word", "pos"], tokens: [Token(form: "a", values: ["a", "DT"])],
      defaultTagColumn: 1, sourceLine: 7)
    #expect(try LayerSelector.name("pos").column(in: sentence, file: "in.txt") == 1)
    let error = try #require(throws: CorpusError.self) {
      try LayerSelector.name("chunk").column(in: sentence, file: "in.txt")
    }
    #expect(error.kind == .missingTagLayer(.name("chunk")))
    #expect(error.description == "in.txt:7: no tag layer \"chunk\": \"columns: word pos\"")
    let written = try #require(throws: CorpusError.self) {
      try LayerSelector.column(5).column(in: sentence, file: "out.txt", line: nil)
    }
    #expect(written.description == "out.txt: no tag layer \"5\": \"columns: word pos\"")
  }

  @Test func aTaggerAddsTheColumnOfANamedLayerTheSentenceLacks() throws {
    let words = Sentence(
      columnNames: ["word"],
      tokens: [Token(form: "a", values: ["a"]), Token(form: "cat", values: ["cat"])],
      defaultTagColumn: 0, sourceLine: 3)
    var sentence = words
    #expect(try LayerSelector.name("upos").column(fillingIn: &sentence, file: "in.jsonl") == 1)
    #expect(sentence.columnNames == ["word", "upos"])
    #expect(sentence.tokens.map(\.values) == [["a", ""], ["cat", ""]])
    #expect(try LayerSelector.name("UPOS").column(fillingIn: &sentence, file: "in.jsonl") == 1)
    #expect(sentence.columnNames == ["word", "upos"], "an existing layer is not added again")
    var numbered = words
    let error = try #require(throws: CorpusError.self) {
      try LayerSelector.column(2).column(fillingIn: &numbered, file: "in.jsonl")
    }
    #expect(error.description == "in.jsonl:3: no tag layer \"2\": \"columns: word\"")
    #expect(numbered == words)
  }
}
