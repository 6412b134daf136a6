import Foundation
import Testing

@testable import Tagger

/// An interruption inside an epoch (the first one too) leaves a checkpoint that resumes at the
/// next batch and ends with the weights of an uninterrupted run.
@Suite struct TrainerInterruptionTests {
  /// Three epochs of three batches, with dropout, word dropout and weight averaging, so that the
  /// random state and the averaged weights matter.
  static func options() -> TrainingOptions {
    var options = TaggerSamples.tinyOptions()
    options.configuration.dropout = 0.2
    options.configuration.wordDropoutAlpha = 0.5
    options.averageDecay = 0.9
    options.maxEpochs = 3
    return options
  }

  static func trainer() -> Trainer {
    Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options(),
      tagLayer: .name("upos"))
  }

  /// `batchesBeforeStop` counts batches over all epochs: 0 stops before the first batch, 1 inside
  /// the first epoch, 4 inside the second.
  @Test(arguments: [0, 1, 4])
  func aCheckpointInsideAnEpochResumesToTheUninterruptedWeights(batchesBeforeStop: Int) throws {
    var reference = Self.trainer()
    let expectedBest = try reference.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })

    var interrupted = Self.trainer()
    var batches = 0
    var saved: TrainingState?
    var savedBest: TaggerModel?
    _ = try interrupted.train(
      onEvent: { if case .batch = $0 { batches += 1 } },
      shouldStop: { batches >= batchesBeforeStop }, saveBest: { savedBest = $0 },
      saveCheckpoint: { saved = $0 })
    let state = try #require(saved)
    #expect(state.epochsDone == batchesBeforeStop / 3)
    #expect(state.epochProgress?.batchesDone == batchesBeforeStop % 3)
    #expect(savedBest != nil, "an interrupted first epoch still leaves a model")

    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("c.checkpoint").path
    try ModelFile.saveCheckpoint(state, to: path)
    let loaded = try ModelFile.loadCheckpoint(from: path)
    #expect(loaded.epochProgress == state.epochProgress)
    var resumed = try Trainer(
      resuming: loaded, training: TaggerSamples.sentences, dev: TaggerSamples.sentences)
    let best = try resumed.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
    #expect(resumed.state.model.network == reference.state.model.network)
    #expect(resumed.state.averagedNetwork == reference.state.averagedNetwork)
    #expect(best?.network == expectedBest?.network)
    #expect(resumed.state.epochProgress == nil)
  }

  @Test func aCheckpointBetweenEpochsHasNoEpochProgress() throws {
    var trainer = Self.trainer()
    var states: [TrainingState] = []
    _ = try trainer.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in },
      saveCheckpoint: { states.append($0) })
    #expect(states.map(\.epochsDone) == [1, 2, 3])
    #expect(states.allSatisfy { $0.epochProgress == nil })
  }
}
