import Foundation
import Testing

@testable import Corpora

@Suite struct WordTagReaderTests {
  @Test func readsOneSentencePerLineWithEscapedSlashes() throws {
    var reader = try WordTagReader(path: Fixtures.path("word-tag.txt"))
    let sentences = try reader.readAll()
    #expect(sentences.map(\.forms) == [["The", "cat", "sat", "."], ["A/B", "rose"]])
    #expect(sentences[1].values(ofColumn: 1) == ["NN", "VBD"])
    #expect(sentences[1].columnNames == ["word", "tag"])
    #expect(sentences[1].sourceLine == 2)
  }

  @Test func pennChunksSkipBracketsAndParagraphLines() throws {
    var reader = try WordTagReader(path: Fixtures.path("sample.pos"), style: .penn)
    let sentences = try reader.readAll()
    #expect(sentences.count == 2, "the ====== chunk is not a sentence")
    #expect(sentences[0].forms == ["Pierre", "Vinken", ",", "1/2", "years", "old", "."])
    #expect(sentences[0].values(ofColumn: 1) == ["NNP", "NNP", ",", "CD", "NNS", "JJ", "."])
    #expect(sentences[0].sourceLine == 2)
    #expect(sentences[1].forms == ["It", "rose", "."])
  }

  @Test func tagIsAfterTheLastUnescapedSlash() throws {
    var reader = WordTagReader(text: "a/b/NN x\\/y/JJ\n")
    let sentence = try #require(try reader.next())
    #expect(sentence.forms == ["a/b", "x/y"])
    #expect(sentence.values(ofColumn: 1) == ["NN", "JJ"])
  }

  @Test(arguments: [("missing-tag-after-slash.txt", 8), ("empty-tag.txt", 8)])
  func tokenWithoutTagIsAnErrorWithLineAndColumn(file: String, column: Int) throws {
    var reader = try WordTagReader(path: Fixtures.path(file))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.line == 1)
    #expect(error.column == column)
  }

  @Test(arguments: [("missing-tag-after-slash.txt", "cat"), ("empty-tag.txt", "cat")])
  func untaggedTokensGetAnEmptyTagWhenTagsAreNotRequired(file: String, word: String) throws {
    var options = ReaderOptions()
    options.requiresTag = false
    var reader = try makeSentenceReader(
      path: Fixtures.path(file), format: .wordTag, options: options)
    let sentence = try #require(try reader.next())
    #expect(sentence.forms == ["The", word, "sat"])
    #expect(sentence.values(ofColumn: sentence.defaultTagColumn) == ["DT", "", "VBD"])
    var empty = WordTagReader(text: "a/DT /\n", requiresTag: false)
    #expect(throws: CorpusError.self, "a word is still required") { try empty.readAll() }
  }

  @Test func missingTagMessage() throws {
    var reader = WordTagReader(text: "The/DT cat sat/VBD\n", name: "in.txt")
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(
      error.description == "in.txt:1:8: expected word/TAG, found no tag after the word: \"cat\"")
  }

  @Test func lenientModeSkipsTheBadLine() throws {
    var reader = WordTagReader(text: "a/DT\nb c/NN\nd/VB\n", skipMalformed: true)
    #expect(try reader.readAll().map(\.forms) == [["a"], ["d"]])
    #expect(reader.skippedErrors.map(\.line) == [2])
  }

  @Test func lenientPennSkipsTheWholeChunk() throws {
    let text = "a/DT\nb\nc/NN\n\nd/VB\n"
    var reader = WordTagReader(text: text, style: .penn, skipMalformed: true)
    #expect(try reader.readAll().map(\.forms) == [["d"]])
  }

  @Test func roundTripIsByteIdentical() throws {
    let path = try Fixtures.path("word-tag.txt")
    #expect(try RoundTrip.convert(path, from: .wordTag, to: .wordTag) == RoundTrip.bytes(path))
  }

  @Test func writerUsesTheChosenLayerAndEscapes() throws {
    let sentence = Sentence(
      columnNames: ["word", "pos", "chunk"],
      tokens: [
        Token(form: "1/2", values: ["1/2", "CD", "B-NP"]),
        Token(form: "New York", values: ["New York", "NNP", "I-NP"]),
      ], defaultTagColumn: 2)
    var options = WriterOptions()
    #expect(
      try RoundTrip.text(of: [sentence], in: .wordTag, options: options)
        == "1\\/2/B-NP New_York/I-NP\n")
    options.tagLayer = .name("pos")
    #expect(
      try RoundTrip.text(of: [sentence], in: .penn, options: options) == "1\\/2/CD New_York/NNP\n\n"
    )
    options.tagLayer = .name("ne")
    #expect(throws: CorpusError.self) {
      try RoundTrip.text(of: [sentence], in: .wordTag, options: options)
    }
  }

  @Test func pennWriterOutputReadsBack() throws {
    let path = try Fixtures.path("sample.pos")
    let written = try RoundTrip.convert(path, to: .penn)
    var reread = WordTagReader(text: String(decoding: written, as: UTF8.self), style: .penn)
    var original = try WordTagReader(path: path, style: .penn)
    #expect(try reread.readAll() == original.readAll())
  }
}
