import Corpora
import Foundation

/// Trains a `TaggerModel`: epochs of shuffled, length-bucketed batches with dropout, word
/// dropout, gradient clipping and Adam or SGD; after each epoch the dev score (token accuracy, or
/// span F1 for chunk labels: `devScores()`) decides whether the model is the best so far, and
/// early stopping ends training after `patience` epochs without improvement.
///
/// The trainer never prints and never touches files: events go to `onEvent`, the best model to
/// `saveBest`, the state after each epoch to `saveCheckpoint`. The same data, options, seed and
/// thread count give a bit-identical model.
public struct Trainer {
  /// The state training continues from.
  public internal(set) var state: TrainingState
  /// The best model on dev so far.
  public internal(set) var bestModel: TaggerModel?
  /// The epoch of `bestModel` (for a model saved on an interruption, the epoch it cut short).
  var bestEpoch: Int?

  let training: [TaggedSentence]
  let dev: [TaggedSentence]
  let wordCounts: [String: Int]
  /// Whether span F1 selects the best epoch of chunk-labelled layers. False only when resuming
  /// a checkpoint written before span F1 was logged: its best score is a token accuracy, which
  /// a span F1 must not be compared with, so that run goes on selecting on accuracy.
  let selectsOnSpanF1: Bool
  var optimizer: any Optimizer
  var rng: SplitMix64

  /// Prepares fresh training: vocabularies and tag set from `training` only, seeded weights.
  ///
  /// - Parameters:
  ///   - tagLayer: the tag layer, recorded in the model.
  ///   - heads: what to train (default: a tagger of `tagLayer`); a label head's labels come from
  ///     the training sentences' labels.
  public init(
    training: [TaggedSentence], dev: [TaggedSentence], options: TrainingOptions,
    tagLayer: LayerSelector,
    heads: ModelHeads? = nil
  ) {
    var rng = SplitMix64(seed: options.seed)
    let requestedHeads = heads ?? .tagger(layer: tagLayer)
    let layerCount = requestedHeads.additionalTags?.count ?? 0
    precondition(
      (training + dev).allSatisfy { $0.layerTags.count == layerCount },
      "Trainer: every sentence needs the tags of the \(layerCount) additional tag layers")
    let heads = requestedHeads.learningFeatureKeys(from: training)
    let originalTraining = training
    let training = Self.withOutputTags(training, heads: heads)
    let vocabularies = TrainingVocabularies(training, configuration: options.configuration)
    var network = TaggerNetwork(
      configuration: options.configuration, wordCount: vocabularies.words.count,
      characterCount: vocabularies.characters.count,
      tagCount: heads.tags == nil ? 0 : vocabularies.tags.count,
      labelCount: heads.label == nil ? 0 : vocabularies.labels.count,
      pooling: heads.label?.pooling ?? .last,
      featureValueCounts: vocabularies.features.map(\.count),
      layerTagCounts: vocabularies.layerTags.map(\.count), using: &rng)
    network.runsDirectionsConcurrently = options.threads >= 2
    let provenance = TaggerModel.Provenance(
      seed: options.seed, tagLayer: tagLayer, trainingChecksum: originalTraining.checksum(),
      trainingSentences: training.count, trainingTokens: training.reduce(0) { $0 + $1.words.count })
    var model = TaggerModel(
      configuration: options.configuration, vocabulary: vocabularies.words,
      characterVocabulary: vocabularies.characters, tagSet: vocabularies.tags, network: network,
      provenance: provenance, heads: heads,
      labelSet: heads.label == nil ? TagSet(tags: []) : vocabularies.labels)
    model.featureVocabularies = vocabularies.features
    model.layerTagSets = vocabularies.layerTags
    if heads.lemma != nil {
      precondition(
        training.allSatisfy { $0.lemmas.count == $0.words.count },
        "Trainer: a lemma layer needs every training word's lemma")
      model.lemmaDictionary = LemmaDictionary(
        trainingWithDetails: training.lazy.flatMap { sentence in
          sentence.words.indices.lazy.map { i in
            (
              form: sentence.words[i], tag: sentence.tags[i],
              detail: LemmaDictionary.fullTag(sentence.layerTags.lazy.map { $0[i] }),
              lemma: sentence.lemmas[i]
            )
          }
        })
    }
    model.trainingForms = TrainingForms(words: training.lazy.flatMap(\.words))
    model.decodingDefaults.constraint =
      options.spanConstraint ?? SpanConstraint.detected(inTraining: training)
    state = TrainingState(
      model: model, averagedNetwork: options.averageDecay > 0 ? network : nil,
      learningRate: options.learningRate, stepsDone: 0, optimizerState: [], epochsDone: 0,
      randomState: rng.state,
      bestDevAccuracy: -1, epochsWithoutImprovement: 0, options: options)
    self.training = training
    self.dev = dev
    selectsOnSpanF1 = true
    wordCounts = vocabularies.wordCounts
    optimizer = Self.makeOptimizer(options)
    self.rng = rng
  }

  /// Continues from a checkpoint's state on the same data.
  ///
  /// - Throws: `ModelFileError` when the optimiser state does not fit.
  public init(resuming state: TrainingState, training: [TaggedSentence], dev: [TaggedSentence])
    throws
  {
    self.state = state
    self.state.model.network.runsDirectionsConcurrently = state.options.threads >= 2
    let training = Self.withOutputTags(training, heads: state.model.heads)
    self.training = training
    self.dev = dev
    let log = state.model.provenance.log
    selectsOnSpanF1 = log.isEmpty || log.contains { $0.devSpanF1 != nil }
    wordCounts =
      TrainingVocabularies(training, configuration: state.options.configuration)
      .wordCounts
    optimizer = Self.makeOptimizer(state.options)
    try optimizer.restore(state: state.optimizerState, matching: state.model.network)
    optimizer.learningRate = state.learningRate
    rng = SplitMix64(seed: 0)
    rng.state = state.randomState
  }

  /// `sentences` with their additional layers' tags as the network's outputs (a split FEATS
  /// layer becomes one tag layer per feature; see `ModelHeads.outputTags`). Dev sentences keep
  /// their layers: they are scored on what `tag` writes.
  static func withOutputTags(_ sentences: [TaggedSentence], heads: ModelHeads) -> [TaggedSentence] {
    guard (heads.additionalTags ?? []).contains(where: { $0.featureKeys != nil }) else {
      return sentences
    }
    return sentences.map { sentence in
      var expanded = sentence
      expanded.layerTags = heads.outputTags(sentence.layerTags)
      return expanded
    }
  }

  /// Embedding tables get lazy row updates: only the rows a batch looked up change.
  static let sparseParameters: Set<String> = ["words.table", "characters.embedding.table"]

  static func makeOptimizer(_ options: TrainingOptions) -> any Optimizer {
    switch options.optimizer {
    case .adam:
      var adam = Adam(
        learningRate: options.learningRate, beta1: 0.9, beta2: 0.9,
        rowSparseParameters: sparseParameters)
      adam.usesTwoThreads = options.threads >= 2
      return adam
    case .sgd:
      return SGD(
        learningRate: options.learningRate, momentum: 0.9, rowSparseParameters: sparseParameters)
    }
  }

  /// The epochs this run may take: `maxEpochs`, raised to reach `minimumUpdates`.
  public var epochLimit: Int {
    let batchSize = max(1, state.options.sentencesPerBatch)
    let sentences = training.lazy.filter { !$0.words.isEmpty }.count
    return state.options.epochLimit(updatesPerEpoch: (sentences + batchSize - 1) / batchSize)
  }

  /// Runs epochs until `epochLimit`, early stopping, the time limit or `shouldStop()`.
  ///
  /// - Parameters:
  ///   - onEvent: receives progress; called on the calling thread.
  ///   - shouldStop: polled between batches (Ctrl-C); on true the run ends cleanly: it saves a
  ///     checkpoint of the interrupted epoch, and the current model as the best one if no epoch
  ///     has finished yet.
  ///   - saveBest: stores a new best model; an error stops training.
  ///   - saveCheckpoint: stores the state after each epoch, and inside an interrupted one (with
  ///     `epochProgress`); an error stops training.
  /// - Returns: the best model, or nil when no batch ran.
  /// - Throws: whatever the save closures throw, and `TrainingDivergedError` when the loss or
  ///   the weights stop being finite (nothing is saved from that epoch on).
  public mutating func train(
    onEvent: (TrainingEvent) -> Void, shouldStop: () -> Bool,
    saveBest: (TaggerModel) throws -> Void, saveCheckpoint: (TrainingState) throws -> Void
  ) throws -> TaggerModel? {
    let options = state.options
    let start = Date()
    while state.epochsDone < epochLimit {
      if options.maxSeconds > 0, Date().timeIntervalSince(start) >= options.maxSeconds {
        onEvent(.stopped(reason: "time limit of \(Int(options.maxSeconds)) s reached"))
        break
      }
      let epochStart = Date()
      guard let meanLoss = try runEpoch(onEvent: onEvent, shouldStop: shouldStop) else {
        try saveInterrupted(saveBest: saveBest, saveCheckpoint: saveCheckpoint)
        onEvent(.stopped(reason: "interrupted during epoch \(state.epochsDone + 1)"))
        break
      }
      try refuseNonFiniteWeights()
      state.epochsDone += 1
      let seconds = Date().timeIntervalSince(epochStart)
      let scores = devScores()
      let entry = TrainingLogEntry(
        epoch: state.epochsDone, trainLoss: meanLoss, devAccuracy: scores.accuracy,
        devSpanF1: scores.spanF1, seconds: seconds,
        tokensPerSecond: Double(state.model.provenance.trainingTokens) / max(seconds, 1e-9))
      state.model.provenance.log.append(entry)
      let isBest = try saveIfBest(
        devScore: scores.selection, epoch: state.epochsDone, saveBest: saveBest)
      onEvent(.epochFinished(entry, isBest: isBest))
      state.optimizerState = optimizer.state
      state.randomState = rng.state
      try saveCheckpoint(state)
      if state.epochsWithoutImprovement >= options.patience {
        onEvent(.stopped(reason: "no better \(scores.selectionName) in \(options.patience) epochs"))
        break
      }
      if shouldStop() {
        onEvent(.stopped(reason: "interrupted after epoch \(state.epochsDone)"))
        break
      }
    }
    if var best = bestModel {
      best.provenance.log = state.model.provenance.log
      if best.heads.tags != nil {  // the tag probabilities' temperature, fitted on dev
        best.decodingDefaults.temperature = best.fittedTemperature(on: dev)
      }
      if best.lemmaDictionary != nil, !shouldStop() {
        best.lemmaDecoder = trainLemmaDecoder(for: best, onEvent: onEvent, shouldStop: shouldStop)
      }
      try saveBest(best)
      bestModel = best
    }
    return bestModel
  }

  /// `model` (a finished tagger with a lemma layer, such as the best model of a run that
  /// has no epoch left to resume) with a newly trained lemma decoder, or without one when
  /// `lemmaDecoderEpochs` is 0.
  public func retrainingLemmaDecoder(
    of model: TaggerModel, onEvent: (TrainingEvent) -> Void, shouldStop: () -> Bool
  ) -> TaggerModel {
    precondition(model.lemmaDictionary != nil, "retrainingLemmaDecoder: the model has no lemmas")
    var result = model
    result.lemmaDecoder = trainLemmaDecoder(for: model, onEvent: onEvent, shouldStop: shouldStop)
    return result
  }

  /// The lemma decoder of `model` (the best tagger), trained on the training and dev
  /// sentences; nil when `lemmaDecoderEpochs` is 0 or nothing can be learned.
  private func trainLemmaDecoder(
    for model: TaggerModel, onEvent: (TrainingEvent) -> Void, shouldStop: () -> Bool
  ) -> LemmaDecoderHead? {
    let epochs = state.options.lemmaDecoderEpochs ?? TrainingOptions.defaultLemmaDecoderEpochs
    guard epochs > 0 else { return nil }
    var options = LemmaDecoderTrainer.Options()
    options.maxEpochs = epochs
    options.seed = state.options.seed
    let trainer = LemmaDecoderTrainer(model: model, training: training, dev: dev, options: options)
    let counts = trainer.exampleCounts
    onEvent(.lemmaDecoderStarted(trainingWords: counts.training, devWords: counts.dev))
    let head = trainer.train(
      model: model, onEpoch: { onEvent(.lemmaDecoderEpoch($0)) }, shouldStop: shouldStop)
    return head.map { head in
      var rounded = model
      rounded.lemmaDecoder = head
      return ModelFile.roundedForStorage(rounded).lemmaDecoder!
    }
  }

  /// After an interruption inside an epoch: a checkpoint that resumes at the next batch, then
  /// (when no epoch has finished) the current model as the best so far. The checkpoint comes
  /// first, so the stand-in best does not enter its early-stopping bookkeeping.
  private mutating func saveInterrupted(
    saveBest: (TaggerModel) throws -> Void, saveCheckpoint: (TrainingState) throws -> Void
  ) throws {
    state.optimizerState = optimizer.state
    state.randomState = rng.state
    try saveCheckpoint(state)
    if bestModel == nil {
      try saveIfBest(
        devScore: devScores().selection, epoch: state.epochsDone + 1, saveBest: saveBest)
    }
  }

  /// The model that is scored and saved: the averaged weights when averaging is on.
  var evaluationModel: TaggerModel {
    guard let averaged = state.averagedNetwork else { return state.model }
    var model = state.model
    model.network = averaged
    return model
  }

  /// Keeps the current model, trained through `epoch` (or part of it), as the best when
  /// `devScore` (`DevScores.selection`) beats the best so far.
  ///
  /// - Throws: `TrainingDivergedError` for weights that are not finite, or not once stored.
  @discardableResult
  private mutating func saveIfBest(
    devScore: Double, epoch: Int, saveBest: (TaggerModel) throws -> Void
  ) throws -> Bool {
    guard devScore > state.bestDevAccuracy else {
      state.epochsWithoutImprovement += 1
      state.learningRate *= state.options.learningRateDecay
      optimizer.learningRate = state.learningRate
      return false
    }
    let best = ModelFile.roundedForStorage(evaluationModel)
    // The weights as saved: NaN stays NaN, and a weight beyond ±65,504 becomes infinite in a
    // 16-bit tensor (no trained model holds one).
    if let name =
      best.network.firstNonFiniteParameter() ?? best.lemmaDecoder?.network.firstNonFiniteParameter()
    {
      throw divergence(what: "parameter \"\(name)\" of the model to save", epoch: epoch)
    }
    state.bestDevAccuracy = devScore
    state.epochsWithoutImprovement = 0
    try saveBest(best)
    bestModel = best
    bestEpoch = epoch
    return true
  }
}
