import Foundation
import Testing

@testable import Corpora

/// Sentence labels from every source that holds them, kept by every writer that can hold them,
/// and the errors for missing labels.
@Suite struct SentenceLabelTests {
  static func read(_ name: String, format: CorpusFormat? = nil, options: ReaderOptions = .init())
    throws -> [Sentence]
  {
    var reader = try makeSentenceReader(
      path: try Fixtures.path(name), format: format, options: options)
    return try reader.readAll()
  }

  @Test func conlluCommentsGiveTheLabelByKey() throws {
    let sentences = try Self.read("labelled.conllu")
    #expect(sentences.map(\.label) == ["greeting", "question"])
    #expect(sentences.allSatisfy { $0.labelKey == "label" })
    var options = ReaderOptions()
    options.labelKey = "intent"
    #expect(try Self.read("labelled.conllu", options: options).map(\.label) == [nil, "ask"])
  }

  @Test func commentValuesIgnoreSpacesAndOtherKeys() {
    #expect(Sentence.commentValue("#label=x y ", key: "label") == "x y")
    #expect(Sentence.commentValue("# labels = x", key: "label") == nil)
    #expect(Sentence.commentValue("# text = a = b", key: "label") == nil)
  }

  @Test func labelledLinesReadTabAndFastTextForms() throws {
    let sentences = try Self.read("labelled.txt", format: .labeled)
    #expect(sentences.map(\.label) == ["greeting", "question", "statement"])
    #expect(sentences.map(\.forms) == [["hi", "there"], ["is", "it", "?"], ["no"]])
    #expect(sentences.map(\.sourceLine) == [1, 2, 4])
  }

  @Test func twoFastTextLabelsAreAnError() throws {
    let error = try #require(throws: CorpusError.self) {
      try Self.read("two-fasttext-labels.txt", format: .labeled)
    }
    #expect(error.line == 1)
    #expect(error.kind == .invalidContent("expected one label per line, found another"))
  }

  @Test func jsonLinesGiveTheLabelMember() throws {
    let sentences = try Self.read("labelled.jsonl")
    #expect(sentences.map(\.label) == ["greeting", "question"])
    var options = ReaderOptions()
    options.labelKey = "intent"
    #expect(try Self.read("labelled.jsonl", options: options).map(\.label) == [nil, "ask"])
  }

  @Test func npsPostsGiveTheirClass() throws {
    let sentences = try Self.read("xml-nps-crlf.xml")
    #expect(sentences.map(\.label) == ["Statement", "Emotion"])
    #expect(sentences.allSatisfy { $0.labelKey == "class" })
  }

  @Test func genericXMLGivesTheNamedAttribute() throws {
    var options = ReaderOptions()
    options.xmlSentenceElement = "utt"
    options.xmlTokenElement = "tok"
    options.xmlLabelAttribute = "act"
    options.requiresTag = false
    let sentences = try Self.read("xml-generic-labelled.xml", format: .xml, options: options)
    #expect(sentences.map(\.label) == ["greet", "ask"])
  }

  @Test func aMissingLabelIsAnErrorAtItsSentence() throws {
    var options = ReaderOptions()
    options.requiresLabel = true
    let error = try #require(throws: CorpusError.self) {
      try Self.read("missing-label.conllu", options: options)
    }
    #expect(error.line == 5)
    #expect(error.message == "sentence has no label (looked for \"# label = …\" comments): \"yes\"")
  }

  @Test func aMissingLabelIsSkippedAndCountedWhenLenient() throws {
    var options = ReaderOptions()
    options.requiresLabel = true
    options.skipMalformed = true
    var reader = try makeSentenceReader(
      path: try Fixtures.path("missing-label.conllu"), options: options)
    #expect(try reader.readAll().map(\.label) == ["greeting"])
    #expect(reader.skippedErrors.map(\.line) == [5])
  }

  @Test func aFileWithoutLabelsIsOneErrorForTheFile() throws {
    var options = ReaderOptions()
    options.requiresLabel = true
    options.labelKey = "mood"
    let path = try Fixtures.path("labelled.conllu")
    let error = try #require(throws: CorpusError.self) {
      try Self.read("labelled.conllu", options: options)
    }
    #expect(error.description == "\(path): no sentence labels (looked for \"# mood = …\" comments)")
  }

  @Test(arguments: [CorpusFormat.conllu, .jsonl, .tiger, .tei, .labeled])
  func writersKeepTheLabel(format: CorpusFormat) throws {
    var sentences = try Self.read("labelled.conllu")
    sentences[0].label = "changed"
    let directory = try TemporaryDirectory()
    let path = try directory.write(sentences, as: format, options: WriterOptions())
    var reader = try makeSentenceReader(path: path, format: format)
    let labels = try reader.readAll().map(\.label)
    #expect(labels == ["changed", "question"])
  }

  @Test func conlluKeepsTheLabelCommentInPlaceAndAddsOneUnderItsKey() throws {
    var sentences = try Self.read("labelled.conllu")
    sentences[1].label = "other"
    sentences[1].labelKey = "intent"
    let text = try RoundTrip.text(of: sentences, in: .conllu)
    #expect(text.contains("# sent_id = 1\n# label = greeting\n1\t"))
    #expect(text.contains("# sent_id = 2\n# intent = other\n# label = question\n1\t"))
  }

  @Test func npsClassSurvivesConversionToCoNLLU() throws {
    let sentences = try Self.read("xml-nps-crlf.xml")
    let text = try RoundTrip.text(of: sentences, in: .conllu)
    #expect(text.contains("# class = Statement\n"))
  }

  @Test func statisticsCountLabels() throws {
    var statistics = CorpusStatistics()
    for sentence in try Self.read("labelled.txt", format: .labeled) {
      statistics.add(sentence, tagColumn: 0)
    }
    #expect(statistics.labelCounts == ["greeting": 1, "question": 1, "statement": 1])
    #expect(statistics.labelKeys == ["label"])
    #expect(statistics.unlabelledSentences == 0)
  }
}
