import Foundation
import Testing

@testable import Tagger

/// Training a tiny character language model: it learns, a resumed run equals an uninterrupted
/// one bit for bit, and the model file round-trips exactly.
@Suite struct LanguageModelTrainerTests {
  static let lines = ["abc abc.", "bca cab!", "a b c", "cab bac abc."]

  static func options(threads: Int = 2) -> LanguageModelTrainingOptions {
    var options = LanguageModelTrainingOptions()
    options.configuration.hiddenSize = 8
    options.configuration.embeddingSize = 4
    options.configuration.layerCount = 2
    options.configuration.dropout = 0.1
    options.learningRate = 0.02
    options.linesPerBatch = 2
    options.maxEpochs = 4
    options.patience = 10
    options.seed = 5
    options.threads = threads
    return options
  }

  /// Trains, keeping every checkpoint state.
  static func train(_ trainer: inout LanguageModelTrainer) throws -> (
    CharacterLanguageModel?, [LanguageModelTrainingState]
  ) {
    var checkpoints: [LanguageModelTrainingState] = []
    let best = try trainer.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in },
      saveCheckpoint: { checkpoints.append($0) })
    return (best, checkpoints)
  }

  @Test func trainingLowersTheDevLoss() throws {
    var trainer = LanguageModelTrainer(
      training: Self.lines, dev: Self.lines, options: Self.options())
    let before = trainer.state.model.score(Self.lines).bitsPerCharacter
    let (best, checkpoints) = try Self.train(&trainer)
    let after = try #require(best).score(Self.lines).bitsPerCharacter
    #expect(checkpoints.count == 4)
    #expect(after < before - 0.3, "\(before) → \(after)")
  }

  /// `lm train` prints this score at the end instead of scoring dev once more.
  @Test func theBestModelsDevScoreIsKeptAsMeasured() throws {
    var trainer = LanguageModelTrainer(
      training: Self.lines, dev: Self.lines, options: Self.options())
    #expect(trainer.bestDevScore == nil)
    let (best, _) = try Self.train(&trainer)
    let kept = try #require(trainer.bestDevScore)
    #expect(kept == (try #require(best)).score(Self.lines, threads: 2))
    #expect(kept.bitsPerCharacter == trainer.state.bestDevBitsPerCharacter)
  }

  @Test func aResumedRunEqualsAnUninterruptedOne() throws {
    var whole = LanguageModelTrainer(training: Self.lines, dev: Self.lines, options: Self.options())
    let (_, checkpoints) = try Self.train(&whole)
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("lm.checkpoint").path
      try LanguageModelFile.saveCheckpoint(checkpoints[1], to: path)
      let state = try LanguageModelFile.loadCheckpoint(from: path)
      #expect(state.epochsDone == 2)
      var resumed = try LanguageModelTrainer(resuming: state, training: Self.lines, dev: Self.lines)
      _ = try Self.train(&resumed)
      #expect(resumed.state.model.decoder == whole.state.model.decoder)
      #expect(resumed.state.averagedDecoder != nil)
      let sameAverage = resumed.state.averagedDecoder == whole.state.averagedDecoder
      #expect(sameAverage)
      // The logs agree except for the wall-clock fields.
      let losses = { (log: [LanguageModelLogEntry]) in
        log.map { [Double($0.epoch), $0.trainBitsPerCharacter, $0.devBitsPerCharacter] }
      }
      #expect(
        losses(resumed.state.model.provenance.log) == losses(whole.state.model.provenance.log))
    }
  }

  @Test func oneAndTwoThreadsTrainAlike() throws {
    var one = LanguageModelTrainer(
      training: Self.lines, dev: Self.lines, options: Self.options(threads: 1))
    var two = LanguageModelTrainer(
      training: Self.lines, dev: Self.lines, options: Self.options(threads: 2))
    _ = try Self.train(&one)
    _ = try Self.train(&two)
    // Two threads sum the halves' gradients in another order: equal up to rounding.
    let a = one.state.model.score(Self.lines).bitsPerCharacter
    let b = two.state.model.score(Self.lines).bitsPerCharacter
    #expect(abs(a - b) < 0.05, "\(a) vs \(b)")
  }

  @Test func theModelFileRoundTripsExactly() throws {
    var trainer = LanguageModelTrainer(
      training: Self.lines, dev: Self.lines, options: Self.options())
    let (best, _) = try Self.train(&trainer)
    let model = try #require(best)
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("lm.model").path
      try LanguageModelFile.save(model, to: path)
      let loaded = try LanguageModelFile.load(from: path)
      #expect(loaded.decoder == model.decoder)
      #expect(loaded.vocabulary == model.vocabulary)
      #expect(loaded.configuration == model.configuration)
      var first = SplitMix64(seed: 3)
      var second = SplitMix64(seed: 3)
      let strategy = SamplingStrategy.multinomial(temperature: 1, topK: nil)
      #expect(
        model.generate(count: 4, prefix: [], strategy: strategy, maxLength: 30, using: &first)
          == loaded.generate(
            count: 4, prefix: [], strategy: strategy, maxLength: 30, using: &second))
      #expect(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    }
  }
}

/// Runs `body` with a fresh temporary folder and removes the folder afterwards.
private func withTemporaryFolder(_ body: (URL) throws -> Void) throws {
  let folder = try TaggerSamples.temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: folder) }
  try body(folder)
}

/// A line longer than the scoring piece is scored piece by piece, carrying the states: the same
/// loss as one run over the whole line, for every cell.
@Suite struct PieceByPieceScoringTests {
  @Test(arguments: [CellKind.lstm, .gru, .rnn])
  func piecesScoreLikeOneRun(cell: CellKind) {
    var options = LanguageModelTrainerTests.options()
    options.configuration.cell = cell
    let model = LanguageModelTrainer(
      training: LanguageModelTrainerTests.lines, dev: LanguageModelTrainerTests.lines,
      options: options
    ).state.model
    let long = String(repeating: "abc bca cab! ", count: 5)  // 65 symbols
    let lines = LanguageModelTrainerTests.lines + [long]
    let whole = model.score(lines, pieceLength: 1_000)
    for pieceLength in [1, 7, 64, 65] {
      let pieces = model.score(lines, pieceLength: pieceLength)
      #expect(pieces.characters == whole.characters)
      #expect(abs(pieces.nats - whole.nats) <= 1e-4 * whole.nats, "piece \(pieceLength)")
    }
  }

  /// Two threads score the batches (and the long line's pieces) to the same sum, bit for bit.
  @Test func twoThreadsScoreTheSame() {
    let model = LanguageModelTrainer(
      training: LanguageModelTrainerTests.lines, dev: LanguageModelTrainerTests.lines,
      options: LanguageModelTrainerTests.options()
    ).state.model
    let long = String(repeating: "abc bca cab! ", count: 5)
    let lines =
      LanguageModelTrainerTests.lines + [long] + LanguageModelTrainerTests.lines.reversed()
    for (batchSize, pieceLength) in [(1, 1_000), (2, 7), (64, 1_000)] {
      let one = model.score(lines, batchSize: batchSize, pieceLength: pieceLength)
      let two = model.score(lines, batchSize: batchSize, pieceLength: pieceLength, threads: 2)
      #expect(two == one, "batch \(batchSize), piece \(pieceLength)")
      #expect(two.lines == lines.count && two.characters > 0)
    }
  }
}
