import Foundation

/// Trains a `CharacterLanguageModel` with teacher forcing: epochs of shuffled, length-bucketed
/// batches of lines, cross-entropy on every next character and `<eos>`, gradient clipping and
/// Adam; after each epoch the dev bits per character decide whether the model is the best so
/// far, the learning rate decays when it is not, and early stopping ends training after
/// `patience` epochs without improvement. As for the tagger, what is scored and saved is an
/// exponential moving average of the weights (`averageDecay`).
///
/// Like `Trainer` it never prints and never touches files: events go to `onEvent`, the best model
/// to `saveBest`, the state after each epoch to `saveCheckpoint`. The same data, options and seed
/// give a bit-identical model.
public struct LanguageModelTrainer {
  /// The most Unicode scalars of one training line: a batch holds every step's activations
  /// for back-propagation (batches of 32 lines of this length peak at 1.7 GB with the default
  /// 2×256 LSTM). `tagcli lm train` refuses longer lines, naming them.
  public static let maxLineLength = 2_048

  /// The state training continues from.
  public internal(set) var state: LanguageModelTrainingState
  /// The best model on dev so far.
  public internal(set) var bestModel: CharacterLanguageModel?
  /// `bestModel`'s dev score, as measured when it was kept (nil while there is none).
  public internal(set) var bestDevScore: LanguageModelScore?
  /// The epoch of `bestModel` in this run.
  var bestEpoch: Int?

  let training: [[Int]]
  let dev: [String]
  var optimizer: any Optimizer
  var rng: SplitMix64
  let gradients: HalfBatchGradients

  /// Prepares fresh training: the vocabulary from `training` only, seeded weights.
  ///
  /// - Parameters:
  ///   - training: Non-empty lines of text.
  ///   - dev: Lines for early stopping.
  public init(training: [String], dev: [String], options: LanguageModelTrainingOptions) {
    var rng = SplitMix64(seed: options.seed)
    let vocabulary = CharacterVocabulary.build(words: training, minimumCount: 1)
    let decoder = RecurrentDecoder(
      configuration: options.configuration, vocabularySize: vocabulary.count, using: &rng)
    let provenance = CharacterLanguageModel.Provenance(seed: options.seed, training: training)
    let model = CharacterLanguageModel(
      configuration: options.configuration, vocabulary: vocabulary, decoder: decoder,
      provenance: provenance)
    state = LanguageModelTrainingState(
      model: model, averagedDecoder: options.averageDecay > 0 ? decoder : nil,
      learningRate: options.learningRate, stepsDone: 0, optimizerState: [], epochsDone: 0,
      randomState: rng.state, bestDevBitsPerCharacter: .infinity, epochsWithoutImprovement: 0,
      options: options)
    self.training = training.map(model.symbols(of:))
    self.dev = dev
    optimizer = Self.makeOptimizer(options)
    self.rng = rng
    gradients = HalfBatchGradients(decoder)
  }

  /// Continues from a checkpoint's state on the same data.
  ///
  /// - Throws: `ModelFileError` when the optimiser state does not fit the model.
  public init(resuming state: LanguageModelTrainingState, training: [String], dev: [String]) throws
  {
    self.state = state
    self.training = training.map(state.model.symbols(of:))
    self.dev = dev
    optimizer = Self.makeOptimizer(state.options)
    try optimizer.restore(state: state.optimizerState, matching: state.model.decoder)
    optimizer.learningRate = state.learningRate
    rng = SplitMix64(seed: 0)
    rng.state = state.randomState
    gradients = HalfBatchGradients(state.model.decoder)
  }

  static func makeOptimizer(_ options: LanguageModelTrainingOptions) -> any Optimizer {
    var adam = Adam(learningRate: options.learningRate, rowSparseParameters: ["embedding.table"])
    adam.usesTwoThreads = options.threads >= 2
    return adam
  }

  /// Runs epochs until `maxEpochs`, early stopping, the time limit or `shouldStop()`.
  ///
  /// - Parameters:
  ///   - onEvent: receives progress; called on the calling thread.
  ///   - shouldStop: polled between batches (Ctrl-C); on true the part of the epoch that ran is
  ///     scored and saved if best, and training ends.
  ///   - saveBest: stores a new best model; an error stops training.
  ///   - saveCheckpoint: stores the state after each epoch; an error stops training.
  /// - Returns: the best model, or nil when no batch ran.
  /// - Throws: whatever the save closures throw, and `TrainingDivergedError` when the loss or
  ///   the weights stop being finite (nothing is saved from that epoch on).
  public mutating func train(
    onEvent: (LanguageModelTrainingEvent) -> Void, shouldStop: () -> Bool,
    saveBest: (CharacterLanguageModel) throws -> Void,
    saveCheckpoint: (LanguageModelTrainingState) throws -> Void
  ) throws -> CharacterLanguageModel? {
    let options = state.options
    let deadline = options.maxSeconds > 0 ? Date().addingTimeInterval(options.maxSeconds) : nil
    func isCut() -> Bool { shouldStop() || deadline.map { Date() >= $0 } ?? false }
    while state.epochsDone < options.maxEpochs {
      let epochStart = Date()
      let epoch = try runEpoch(onEvent: onEvent, isCut: isCut)
      try refuseNonFiniteWeights()
      guard epoch.characters > 0 else {
        onEvent(.stopped(reason: shouldStop() ? "interrupted" : "time limit reached"))
        break
      }
      if epoch.isComplete { state.epochsDone += 1 }
      let seconds = Date().timeIntervalSince(epochStart)
      let evaluated = averagedModel
      let devScore = evaluated.score(dev, threads: options.threads)
      let entry = LanguageModelLogEntry(
        epoch: state.epochsDone + (epoch.isComplete ? 0 : 1),
        trainBitsPerCharacter: epoch.nats / Double(epoch.characters) / log(2),
        devBitsPerCharacter: devScore.bitsPerCharacter, seconds: seconds,
        charactersPerSecond: Double(epoch.characters) / max(seconds, 1e-9))
      state.model.provenance.log.append(entry)
      let isBest = try saveIfBest(evaluated, devScore, saveBest: saveBest)
      onEvent(.epochFinished(entry, isBest: isBest))
      state.optimizerState = optimizer.state
      state.randomState = rng.state
      try saveCheckpoint(state)
      if !epoch.isComplete {
        let reason =
          shouldStop()
          ? "interrupted during epoch \(state.epochsDone + 1)"
          : "time limit of \(Int(options.maxSeconds)) s reached during epoch \(state.epochsDone + 1)"
        onEvent(.stopped(reason: reason))
        break
      }
      if state.epochsWithoutImprovement >= options.patience {
        onEvent(.stopped(reason: "no better dev bits/char in \(options.patience) epochs"))
        break
      }
      if isCut() {
        onEvent(.stopped(reason: shouldStop() ? "interrupted" : "time limit reached"))
        break
      }
    }
    if var best = bestModel {
      best.provenance.log = state.model.provenance.log
      try saveBest(best)
      bestModel = best
    }
    return bestModel
  }

  /// The model that is scored and saved: the current one with the averaged weights when
  /// training averages them.
  var averagedModel: CharacterLanguageModel {
    var model = state.model
    if let averaged = state.averagedDecoder { model.decoder = averaged }
    return model
  }

  /// Keeps `model` as the best when `devBitsPerCharacter` beats the best so far; otherwise
  /// decays the learning rate.
  private mutating func saveIfBest(
    _ model: CharacterLanguageModel, _ devScore: LanguageModelScore,
    saveBest: (CharacterLanguageModel) throws -> Void
  ) throws -> Bool {
    let devBitsPerCharacter = devScore.bitsPerCharacter
    guard devBitsPerCharacter < state.bestDevBitsPerCharacter else {
      state.epochsWithoutImprovement += 1
      state.learningRate *= state.options.learningRateDecay
      optimizer.learningRate = state.learningRate
      return false
    }
    state.bestDevBitsPerCharacter = devBitsPerCharacter
    state.epochsWithoutImprovement = 0
    try saveBest(model)
    bestModel = model
    bestDevScore = devScore
    bestEpoch = state.model.provenance.log.last?.epoch
    return true
  }
}
