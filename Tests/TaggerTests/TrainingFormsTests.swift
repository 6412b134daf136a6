import Foundation
import Testing

@testable import Tagger

/// The exact training forms a model keeps for the standard seen/unseen split: what training
/// stores, how the file encodes them, that the checksum covers them, and that older files
/// without them still load and fall back to the vocabulary split.
@Suite struct TrainingFormsTests {
  @Test func formsAreDistinctAndSortedByTheirBytes() {
    let forms = TrainingForms(words: ["the", "The", "é", "the", "Z", "a", ""])
    #expect(forms.forms == ["", "The", "Z", "a", "the", "é"])
    #expect(forms.count == 6)
  }

  @Test func trainingStoresEveryDistinctFormAsWritten() throws {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    let words = TaggerSamples.sentences.flatMap(\.words)
    let forms = try #require(model.trainingForms)
    #expect(forms.forms == Set(words).sorted())
    #expect(model.seenWords.rule == .exactForm)
  }

  @Test func savedModelKeepsItsFormsThroughALoad() throws {
    var sentences = TaggerSamples.sentences
    sentences.append(TaggedSentence(words: ["The", "Dog", "runs"], tags: ["DET", "NOUN", "VERB"]))
    var options = TaggerSamples.tinyOptions()
    options.configuration.minimumWordCount = 2
    var trainer = Trainer(
      training: sentences, dev: sentences, options: options, tagLayer: .name("upos"))
    let model = try #require(
      try trainer.train(
        onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in }))
    let loaded = try Self.roundTrip(model)
    #expect(loaded == model)
    let forms = try #require(loaded.trainingForms)
    #expect(forms.forms.contains("The") && forms.forms.contains("the"))
    #expect(forms.forms.contains("fast"), "seen once, below the vocabulary's minimum count")
    #expect(!model.vocabulary.contains("fast"))
  }

  @Test func formsWithLineBreaksAndOtherOddCharactersRoundTripExactly() throws {
    let odd = ["a\r", "b\nc", "", "é", "e\u{301}x", "\"q\"", "back\\slash", "tab\there", "Z"]
    let metadata = try ModelFile.trainingFormsMetadata(TrainingForms(words: odd))
    #expect(
      metadata[ModelFile.trainingFormsKey]
        == "\n\"q\"\nZ\na\r\nback\\slash\ne\u{301}x\ntab\there\né\n")
    #expect(metadata[ModelFile.lineFeedFormsKey] == #"["b\nc"]"#)
    let decoded = try ModelFile.trainingForms(metadata, path: "m.tagger")
    #expect(decoded == TrainingForms(words: odd))

    var model = try TaggerSamples.trainedModel(epochs: 1)
    model.trainingForms = TrainingForms(words: odd)
    #expect(try Self.roundTrip(model).trainingForms == TrainingForms(words: odd))
  }

  @Test func theFileChecksumCoversTheForms() throws {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    var bytes = try ModelFile.serialize(model, path: "m.tagger")
    let needle = Array("\"trainingForms\":\"".utf8)
    let start = try #require(
      (0..<(bytes.count - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) })
    let formByte = start + needle.count  // the first character of the first form, "!"
    bytes[formByte] = bytes[formByte] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
    let error = try #require(throws: ModelFileError.self) {
      try Self.load(bytes)
    }
    #expect(error.kind == .checksumMismatch)
  }

  @Test func aFileWithoutFormsLoadsAndFallsBackToTheVocabulary() throws {
    var model = try TaggerSamples.trainedModel(epochs: 1)
    model.trainingForms = nil
    let bytes = try ModelFile.serialize(model, path: "m.tagger")
    #expect(!String(decoding: bytes, as: UTF8.self).contains("trainingForms"))
    let loaded = try Self.load(bytes)
    #expect(loaded.trainingForms == nil && loaded == model)
    #expect(loaded.seenWords.rule == .modelVocabulary)
    #expect(loaded.seenWords.contains("THE"), "the vocabulary lowercases")
  }

  @Test func theShippedModelHasNoFormsAndStillLoads() throws {
    let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let model = try ModelFile.load(
      from: repositoryRoot.appendingPathComponent("models/en_ewt-upos.tagger").path)
    #expect(model.trainingForms == nil)
    #expect(model.seenWords.rule == .modelVocabulary)
  }

  @Test func formsThatDoNotEndWithALineFeedAreABadHeader() throws {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    var file = try SafeTensors(bytes: ModelFile.serialize(model, path: "m.tagger"), path: "m")
    file.metadata[ModelFile.trainingFormsKey] = "the\ndog"
    file.metadata[ModelFile.fileChecksumKey] = ModelFile.checksumPlaceholder
    let error = try #require(throws: ModelFileError.self) {
      try Self.load(ModelFile.sealed(file.serialized()))
    }
    #expect(error.kind == .badHeader("\"trainingForms\" does not end with a line feed"))
  }

  @Test func theStandardRuleCountsExactFormsAndTheFallbackDoesNot() throws {
    // Training: "the" twice, "cat" and "sleeps" once. Gold: The cat sleeps / the dog.
    let training = [
      TaggedSentence(words: ["the", "dog", "sleeps"], tags: ["DET", "NOUN", "VERB"]),
      TaggedSentence(words: ["the", "cat"], tags: ["DET", "NOUN"]),
    ]
    var options = TaggerSamples.tinyOptions()
    options.configuration.minimumWordCount = 2
    var model = Trainer(
      training: training, dev: training, options: options, tagLayer: .name("upos")
    ).state.model
    let words = ["The", "cat", "sleeps", "the", "dog"]
    let tags = ["DET", "NOUN", "VERB", "DET", "NOUN"]
    func split(_ seenWords: SeenWords) -> (seen: Int?, unseen: Int?, rule: SeenWords.Rule?) {
      var evaluator = TagEvaluator(seenWords: seenWords)
      evaluator.add(gold: tags, predicted: tags, words: words)
      let scores = evaluator.scores
      return (scores.seenTokens, scores.unseenTokens, scores.unseenRule)
    }
    // Exact forms: "The" is unseen (only "the" occurs), "cat" and "sleeps" (once) are seen.
    let exact = split(model.seenWords)
    #expect(exact.seen == 4 && exact.unseen == 1 && exact.rule == .exactForm)
    // Vocabulary (lowercased, seen twice): "The" counts as "the"; "cat", "sleeps", "dog" drop out.
    model.trainingForms = nil
    let fallback = split(model.seenWords)
    #expect(fallback.seen == 2 && fallback.unseen == 3 && fallback.rule == .modelVocabulary)
  }

  /// `model` saved to a temporary file and loaded again.
  static func roundTrip(_ model: TaggerModel) throws -> TaggerModel {
    try load(try ModelFile.serialize(model, path: "m.tagger"))
  }

  /// The model in `bytes`, written to a temporary file and loaded.
  static func load(_ bytes: [UInt8]) throws -> TaggerModel {
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("m.tagger").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try ModelFile.load(from: path)
  }
}
