import Foundation
import Testing

@testable import Tagger

/// Small tagged sentences and models shared by the model, trainer and persistence tests.
enum TaggerSamples {
  /// Five sentences a tagger must learn perfectly.
  static let sentences: [TaggedSentence] = [
    TaggedSentence(words: ["the", "dog", "runs"], tags: ["DET", "NOUN", "VERB"]),
    TaggedSentence(words: ["a", "cat", "sleeps", "."], tags: ["DET", "NOUN", "VERB", "PUNCT"]),
    TaggedSentence(words: ["dogs", "run"], tags: ["NOUN", "VERB"]),
    TaggedSentence(
      words: ["the", "old", "cat", "runs", "fast", "."],
      tags: ["DET", "ADJ", "NOUN", "VERB", "ADV", "PUNCT"]),
    TaggedSentence(words: ["run", "!"], tags: ["VERB", "PUNCT"]),
  ]

  /// Training options for a tiny, fast network.
  static func tinyOptions(cell: String = "lstm", seed: UInt64 = 3) -> TrainingOptions {
    var options = TrainingOptions()
    options.configuration.cell = cell
    options.configuration.layerCount = 1
    options.configuration.hiddenSize = 8
    options.configuration.wordEmbeddingSize = 6
    options.configuration.characterEmbeddingSize = 4
    options.configuration.characterHiddenSize = 5
    options.configuration.dropout = 0
    options.configuration.wordDropoutAlpha = 0
    options.configuration.minimumWordCount = 1
    options.learningRate = 0.05
    options.sentencesPerBatch = 2
    options.learningRateDecay = 1
    options.averageDecay = 0
    options.maxEpochs = 1
    options.patience = 1000
    options.seed = seed
    return options
  }

  /// A model trained for `epochs` epochs on `sentences`.
  static func trainedModel(epochs: Int, cell: String = "lstm") throws -> TaggerModel {
    var options = tinyOptions(cell: cell)
    options.maxEpochs = epochs
    return try trainedModel(options: options)
  }

  /// A UPOS model trained on `sentences` (also the dev set) with `options`.
  static func trainedModel(options: TrainingOptions) throws -> TaggerModel {
    var trainer = Trainer(
      training: sentences, dev: sentences, options: options, tagLayer: .name("upos"))
    let model = try trainer.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
    return try #require(model)
  }

  /// A fresh temporary directory, removed by the caller.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tagger-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
