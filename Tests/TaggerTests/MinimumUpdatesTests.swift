import Testing

@testable import Tagger

/// `minimumUpdates` raises the epoch cap of small training sets to a number of updates.
@Suite struct MinimumUpdatesTests {
  @Test func theEpochCapReachesTheMinimumNumberOfUpdates() {
    var options = TrainingOptions()
    options.maxEpochs = 20
    #expect(options.epochLimit(updatesPerEpoch: 10) == 20, "no minimum")
    options.minimumUpdates = 6_000
    #expect(options.epochLimit(updatesPerEpoch: 392) == 20, "EWT: 7,840 updates in 20 epochs")
    #expect(options.epochLimit(updatesPerEpoch: 108) == 56, "IMST: 3,435 sentences")
    #expect(options.epochLimit(updatesPerEpoch: 13) == 462, "400 sentences")
    options.minimumUpdates = 0
    #expect(options.epochLimit(updatesPerEpoch: 13) == 20)
  }

  @Test func trainingRunsTheEpochsTheMinimumAsksFor() throws {
    var options = TaggerSamples.tinyOptions()  // 5 sentences, 2 per batch: 3 updates an epoch
    options.maxEpochs = 1
    options.minimumUpdates = 7
    var trainer = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options,
      tagLayer: .name("upos"))
    #expect(trainer.epochLimit == 3)
    var epochs = 0
    _ = try trainer.train(
      onEvent: { if case .epochFinished = $0 { epochs += 1 } }, shouldStop: { false },
      saveBest: { _ in }, saveCheckpoint: { _ in })
    #expect(epochs == 3)
  }
}
