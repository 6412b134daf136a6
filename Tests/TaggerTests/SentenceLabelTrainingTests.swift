import Foundation
import Testing

@testable import Tagger

/// Training the sentence-label head through the `Trainer`, alone and next to the tag head, and
/// saving and loading such models.
@Suite struct SentenceLabelTrainingTests {
  /// Sentences whose label is their first word's group (`a…` words → `A`, `b…` → `B`, `c…` →
  /// `C`), followed by seven words drawn from all groups. The last-state classifier sees the
  /// first word only through the backward direction's state at the first token: the forward
  /// state is taken at the last token, seven noisy steps later.
  static func firstWordTask(count: Int, seed: UInt64) -> [TaggedSentence] {
    let groups = [
      ("A", ["ax", "ay", "az"]), ("B", ["bx", "by", "bz"]), ("C", ["cx", "cy", "cz"]),
    ]
    let all = groups.flatMap(\.1)
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { index in
      let (label, words) = groups[index % groups.count]
      let first = words[Int(rng.next() % UInt64(words.count))]
      let rest = (0..<7).map { _ in all[Int(rng.next() % UInt64(all.count))] }
      let sentence = [first] + rest
      return TaggedSentence(
        words: sentence, tags: sentence.map { String($0.prefix(1)) }, label: label)
    }
  }

  static func options(epochs: Int) -> TrainingOptions {
    var options = TaggerSamples.tinyOptions()
    options.configuration.characterHiddenSize = 0
    options.configuration.hiddenSize = 10
    options.learningRate = 0.02
    options.sentencesPerBatch = 8
    options.maxEpochs = epochs
    return options
  }

  static func train(
    _ sentences: [TaggedSentence], heads: ModelHeads, epochs: Int
  ) throws -> TaggerModel {
    var trainer = Trainer(
      training: sentences, dev: sentences, options: options(epochs: epochs), tagLayer: .name("pos"),
      heads: heads)
    return try #require(
      try trainer.train(
        onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in }))
  }

  @Test func theLastStateClassifierLearnsALabelGivenByTheFirstWord() throws {
    let sentences = Self.firstWordTask(count: 48, seed: 5)
    let heads = ModelHeads(tags: nil, label: .init(key: "label"))
    let model = try Self.train(sentences, heads: heads, epochs: 30)
    #expect(model.network.classifier == nil)
    #expect(model.labelsInBatches(sentences.map(\.input)) == sentences.map(\.label))
    let unseen = Self.firstWordTask(count: 30, seed: 99)
    let correct = zip(model.labelsInBatches(unseen.map(\.input)), unseen).filter {
      $0.0 == $0.1.label
    }
    #expect(correct.count == unseen.count, "held-out sentences: \(correct.count)/\(unseen.count)")
  }

  @Test func aTwoHeadModelLearnsBothAndSurvivesASaveAndLoad() throws {
    let sentences = Self.firstWordTask(count: 24, seed: 7)
    let heads = ModelHeads(
      tags: .init(layer: .name("pos")), label: .init(key: "class", pooling: .mean, lossWeight: 0.5))
    let model = try Self.train(sentences, heads: heads, epochs: 25)
    let predictions = model.predictSentencesInBatches(sentences.map(\.words))
    #expect(predictions.map(\.label?.label) == sentences.map(\.label))
    #expect(predictions.map { $0.tags.map(\.tag) } == sentences.map(\.tags))

    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("two-heads-\(UUID().uuidString).tagger").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ModelFile.save(model, to: path)
    let loaded = try ModelFile.load(from: path)
    #expect(loaded.heads == heads)
    #expect(loaded.labelSet == model.labelSet)
    #expect(loaded.predictSentencesInBatches(sentences.map(\.words)) == predictions)
  }

  @Test func aTaggerFileHasNoHeadsKeyAndLoadsAsATagger() throws {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("tagger-\(UUID().uuidString).tagger").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ModelFile.save(model, to: path)
    let file = try ModelFile.readFile(SafeTensors.self, path: path)
    #expect(file.metadata["heads"] == nil && file.metadata["labels"] == nil)
    #expect(try ModelFile.load(from: path).heads == .tagger(layer: model.provenance.tagLayer))
  }
}
