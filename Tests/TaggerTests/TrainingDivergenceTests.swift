import Foundation
import Testing

@testable import Tagger

/// A learning rate far too high drives the weights to infinity: training stops with an error
/// instead of saving a model that tags every word alike with a probability of NaN, and a model
/// file holding such weights is refused when loaded.
@Suite struct TrainingDivergenceTests {
  @Test func nonFiniteElementsAreFound() {
    #expect(Matrix(rows: 2, columns: 2, storage: [1, -2, 0, 65_504]).isFinite)
    for bad: Float in [.nan, .infinity, -.infinity] {
      #expect(!Matrix(rows: 1, columns: 3, storage: [0, bad, 1]).isFinite)
    }
  }

  @Test func aDivergingTaggerSavesNothingAndSaysWhy() throws {
    var options = TaggerSamples.tinyOptions()
    options.learningRate = 1e12
    options.clipNorm = 0
    options.maxEpochs = 3
    var trainer = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options,
      tagLayer: .name("upos"))
    var saved = 0
    var checkpoints = 0
    let error = try #require(throws: TrainingDivergedError.self) {
      _ = try trainer.train(
        onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in saved += 1 },
        saveCheckpoint: { _ in checkpoints += 1 })
    }
    #expect(saved == 0 && checkpoints == 0)
    #expect(error.epoch == 1)
    #expect(error.bestEpoch == nil)
    #expect(error.learningRate == 1e12)
    #expect(error.description.hasPrefix("training diverged in epoch 1: "), "\(error)")
    #expect(error.description.contains("no model was saved. Lower --lr"))
  }

  /// Here the first epoch still ends with finite weights, which are kept; a later one diverges.
  @Test func aDivergingLanguageModelSavesOnlyFiniteWeights() throws {
    var options = LanguageModelTrainerTests.options()
    options.learningRate = 1e30
    options.clipNorm = 0
    var trainer = LanguageModelTrainer(
      training: LanguageModelTrainerTests.lines, dev: LanguageModelTrainerTests.lines,
      options: options)
    var saves = 0
    let error = try #require(throws: TrainingDivergedError.self) {
      _ = try trainer.train(
        onEvent: { _ in }, shouldStop: { false },
        saveBest: { model in
          #expect(model.decoder.firstNonFiniteParameter() == nil)
          saves += 1
        }, saveCheckpoint: { _ in })
    }
    #expect((error.bestEpoch != nil) == (saves > 0))
    #expect(error.epoch > (error.bestEpoch ?? 0))
    if let best = error.bestEpoch {
      #expect(error.description.contains("the best model so far (epoch \(best)) stays saved"))
    }
  }

  @Test func aModelFileWithANaNWeightIsRefused() throws {
    var model = try TaggerSamples.trainedModel(epochs: 1)
    let entry = try #require(model.network.parameterPaths.last)
    model.network[keyPath: entry.path].storage[0] = .nan
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("nan.tagger").path
    try ModelFile.save(model, to: path)
    let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    #expect(error.kind == .nonFiniteWeights(tensor: entry.name))
    #expect(error.description.contains("holds NaN or infinite weights"))
  }
}
