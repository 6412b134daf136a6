import Testing

@testable import Tagger

@Suite struct TrainerTests {
  @Test(arguments: ["lstm", "gru", "rnn"])
  func fiveSentencesReachFullTrainingAccuracy(cell: String) throws {
    let model = try TaggerSamples.trainedModel(epochs: 40, cell: cell)
    let predicted = model.tags(TaggerSamples.sentences.map(\.words))
    #expect(predicted == TaggerSamples.sentences.map(\.tags))
    #expect(model.provenance.log.count == 40)
    #expect(model.provenance.log.last?.devAccuracy == 100)
  }

  @Test func sameSeedGivesABitIdenticalModel() throws {
    let first = try TaggerSamples.trainedModel(epochs: 2)
    var second = try TaggerSamples.trainedModel(epochs: 2)
    #expect(first.network == second.network)
    #expect(first.provenance.log.map(\.trainLoss) == second.provenance.log.map(\.trainLoss))
    // Only the wall-clock figures of the log may differ.
    second.provenance.log = first.provenance.log
    #expect(first == second)
    var options = TaggerSamples.tinyOptions(seed: 4)
    options.maxEpochs = 2
    var other = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options,
      tagLayer: .name("upos"))
    _ = try other.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
    #expect(other.state.model.network != first.network, "another seed gives other weights")
  }

  @Test func resumingFromACheckpointEqualsTrainingStraightThrough() throws {
    var options = TaggerSamples.tinyOptions()
    options.configuration.dropout = 0.2
    options.configuration.wordDropoutAlpha = 0.25
    options.maxEpochs = 3
    var straight = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options,
      tagLayer: .name("upos"))
    _ = try straight.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })

    var checkpoints: [TrainingState] = []
    var first = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options,
      tagLayer: .name("upos"))
    var epochs = 0
    _ = try first.train(
      onEvent: { if case .epochFinished = $0 { epochs += 1 } }, shouldStop: { epochs >= 1 },
      saveBest: { _ in }, saveCheckpoint: { checkpoints.append($0) })
    let checkpoint = try #require(checkpoints.last)
    #expect(checkpoint.epochsDone == 1)
    var resumed = try Trainer(
      resuming: checkpoint, training: TaggerSamples.sentences, dev: TaggerSamples.sentences)
    _ = try resumed.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
    #expect(resumed.state.model.network == straight.state.model.network)
  }

  @Test func interruptionBeforeTheFirstEpochStillSavesAModel() throws {
    var trainer = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences,
      options: TaggerSamples.tinyOptions(), tagLayer: .name("upos"))
    var saved = 0
    var batches = 0
    let model = try trainer.train(
      onEvent: { if case .batch = $0 { batches += 1 } }, shouldStop: { batches >= 1 },
      saveBest: { _ in saved += 1 }, saveCheckpoint: { _ in })
    #expect(model != nil)
    #expect(saved >= 1)
  }
}
