import Foundation

extension Trainer {
  /// One pass over the training data, or the rest of an interrupted one (`state.epochProgress`).
  ///
  /// - Returns: the mean loss per token, or nil when `shouldStop()` interrupted the epoch; then
  ///   `state.epochProgress` says where it stopped.
  /// - Throws: `TrainingDivergedError` as soon as a batch's loss is not finite.
  mutating func runEpoch(onEvent: (TrainingEvent) -> Void, shouldStop: () -> Bool) throws
    -> Double?
  {
    let resumed = state.epochProgress
    state.epochProgress = nil
    let currentRandomState = rng.state
    if let resumed { rng.state = resumed.startRandomState }
    let startRandomState = rng.state
    let batches = makeBatches()
    if resumed != nil { rng.state = currentRandomState }
    let tokenCount = state.model.provenance.trainingTokens
    var gradients = state.model.network.zeroedCopy()
    var lossSum = resumed?.lossSum ?? 0
    var tokensDone = resumed?.tokensDone ?? 0
    let start = Date()
    for (index, batch) in batches.enumerated().dropFirst(resumed?.batchesDone ?? 0) {
      if shouldStop() {
        state.epochProgress = EpochProgress(
          startRandomState: startRandomState, batchesDone: index, lossSum: lossSum,
          tokensDone: tokensDone)
        return nil
      }
      let (loss, tokens) = trainStep(on: batch, gradients: &gradients)
      guard loss.isFinite else { throw divergence(what: "the loss of batch \(index + 1)") }
      lossSum += loss
      tokensDone += tokens
      let seconds = max(Date().timeIntervalSince(start), 1e-9)
      onEvent(
        .batch(
          BatchProgress(
            epoch: state.epochsDone + 1, batchesDone: index + 1, batchCount: batches.count,
            tokensDone: tokensDone, tokenCount: tokenCount,
            meanLoss: lossSum / Double(max(tokensDone, 1)),
            tokensPerSecond: Double(tokensDone) / seconds)))
    }
    return lossSum / Double(max(tokensDone, 1))
  }

  /// The error for a run whose `what` stopped being finite in `epoch` (default: the one under
  /// way).
  func divergence(what: String, epoch: Int? = nil) -> TrainingDivergedError {
    TrainingDivergedError(
      epoch: epoch ?? state.epochsDone + 1, what: what, learningRate: state.learningRate,
      bestEpoch: bestEpoch)
  }

  /// Throws when a weight that training changes or saves (the averaged ones too) is NaN or
  /// infinite, before such a model is scored, saved or checkpointed.
  func refuseNonFiniteWeights() throws {
    let name =
      state.model.network.firstNonFiniteParameter()
      ?? state.averagedNetwork?.firstNonFiniteParameter()
    if let name { throw divergence(what: "parameter \"\(name)\"") }
  }

  /// Forward, loss, backward, clipping and one optimiser step on one batch.
  ///
  /// - Returns: the batch's loss (mean tag loss per token plus the weighted mean label loss per
  ///   sentence) times its tokens, and the number of tokens.
  mutating func trainStep(on batch: [Int], gradients: inout TaggerNetwork) -> (Double, Int) {
    let (loss, tokens) = computeGradients(on: batch, into: &gradients)
    if state.options.clipNorm > 0 {
      _ = clipGradientNorm(&gradients, maxNorm: state.options.clipNorm)
    }
    optimizer.update(&state.model.network, gradients: gradients)
    state.stepsDone += 1
    updateAverage()
    return (loss, tokens)
  }

  /// Forward, losses and backward on one batch, into `gradients`. Its own function so that its
  /// copy of the model is gone before the optimiser writes the weights (a copy still alive would
  /// make every write copy the whole matrix first).
  ///
  /// - Returns: the batch's loss (as `trainStep`'s) and its number of tokens.
  private mutating func computeGradients(on batch: [Int], into gradients: inout TaggerNetwork)
    -> (Double, Int)
  {
    let model = state.model
    let sentences = batch.map { training[$0] }
    let forms = sentences.map(\.words)
    let wordIDs = forms.map { $0.map { droppedOutWordID($0, vocabulary: model.vocabulary) } }
    let tagIDs = sentences.map { $0.tags.map { model.tagSet.id(of: $0) ?? -1 } }
    let input = NetworkBatch(
      forms: forms, wordIDs: wordIDs,
      characterIDs: { droppedOutCharacterIDs($0, vocabulary: model.characterVocabulary) },
      tagIDs: model.heads.tags == nil ? nil : tagIDs, featureIDs: sentences.map(model.featureIDs),
      featureCount: model.featureVocabularies.count)
    let (logits, labelLogits, cache) = model.network.forward(input, isTraining: true, using: &rng)
    gradients.zeroParameters()  // before the losses: the CRF's adds its parameter gradients
    let smoothing = state.options.configuration.tagSmoothing ?? 0
    let result = logits.map {
      model.network.lossAndGradient(
        logits: $0, input: input, smoothing: smoothing, into: &gradients)
    }
    let labelResult = labelLogits.map { labelLossAndGradient($0, sentences: sentences) }
    let layerResults = zip(model.network.layerLogits(cache), model.layerTagSets).enumerated().map {
      layer, pair in
      let ids = sentences.map { $0.layerTags[layer].map { pair.1.id(of: $0) ?? -1 } }
      return SoftmaxCrossEntropy.lossAndGradient(
        logits: pair.0, targets: NetworkBatch.targets(ids, batch: input.batch),
        smoothing: smoothing)
    }
    model.network.backward(
      result?.dLogits, dLabelLogits: labelResult?.dLogits,
      dLayerLogits: layerResults.map(\.dLogits), cache: cache, into: &gradients)
    let tokens = forms.reduce(0) { $0 + $1.count }
    // The loss is the sum over tag layers of each layer's mean per token.
    let tagLoss = ([result].compactMap { $0 } + layerResults).reduce(0.0) {
      $0 + $1.loss / Double(max($1.count, 1))
    }
    return ((tagLoss + (labelResult?.loss ?? 0)) * Double(tokens), tokens)
  }

  /// Moves the averaged weights towards the current ones (`ParameterContainer.moveAverage`).
  mutating func updateAverage() {
    guard var averaged = state.averagedNetwork else { return }
    state.averagedNetwork = nil  // keeps `averaged` uniquely referenced: no copy-on-write
    averaged.moveAverage(
      towards: state.model.network, afterSteps: state.stepsDone,
      maxDecay: state.options.averageDecay, usingTwoThreads: state.options.threads >= 2)
    state.averagedNetwork = averaged
  }

  /// The word's id, replaced by `<unk>` with probability `α / (α + count)` so that the
  /// character encoder learns to stand in for rare words.
  mutating func droppedOutWordID(_ word: String, vocabulary: Vocabulary) -> Int {
    let id = vocabulary.id(of: word)
    let alpha = state.options.configuration.wordDropoutAlpha
    guard id != Vocabulary.unknownID, alpha > 0 else { return id }
    let count = Float(wordCounts[vocabulary.normalize(word)] ?? 0)
    return rng.nextFloat(in: 0, 1) < alpha / (alpha + count) ? Vocabulary.unknownID : id
  }

  /// The word's character ids, each replaced by `<unk>` with the configuration's character
  /// dropout probability, so that the encoder does not lean on one character (the random source
  /// is untouched without it).
  mutating func droppedOutCharacterIDs(_ word: String, vocabulary: CharacterVocabulary) -> [Int] {
    var ids = vocabulary.ids(of: word)
    let rate = state.options.configuration.characterDropout ?? 0
    guard rate > 0 else { return ids }
    for index in ids.indices where rng.nextFloat(in: 0, 1) < rate {
      ids[index] = CharacterVocabulary.unknownID
    }
    return ids
  }

  /// Shuffled batches of sentence indices, bucketed by length.
  mutating func makeBatches() -> [[Int]] {
    let training = training
    return LengthBucketing.batches(
      of: training.indices.filter { !training[$0].words.isEmpty },
      batchSize: state.options.sentencesPerBatch, length: { training[$0].words.count },
      using: &rng)
  }

  /// The current model's figures on the dev set, through the evaluation module.
  ///
  /// - `accuracy`: token accuracy (0-100), the mean over the tag layers with several; with a
  ///   label head, `devScoreWithLabels()`.
  /// - `spanF1`: the mean span F1 of the layers whose gold dev tags are chunk labels (the scheme
  ///   `tagcli eval` detects), nil when none are.
  /// - `selection`: what picks the best model and drives early stopping: per layer its span F1
  ///   when it has one, else its accuracy, averaged over the layers. A chunker or NER tagger is
  ///   judged by its spans, as `eval` judges it, not by the `O` tags that make most of its tokens.
  ///   (Accuracy only, when resuming an older checkpoint: `selectsOnSpanF1`.)
  func devScores() -> DevScores {
    if state.model.heads.label != nil {
      let score = devScoreWithLabels()
      return DevScores(accuracy: score, spanF1: nil, selection: score, selectsOnSpanF1: false)
    }
    let predicted = evaluationModel.tagLayersInBatches(dev.map(\.input))
    let layerCount = state.model.heads.outputLayers.count
    var evaluators = [TagEvaluator](repeating: TagEvaluator(), count: layerCount)
    for (sentence, layers) in zip(dev, predicted) {
      for (layer, (gold, tags)) in zip(sentence.allLayerTags, layers).enumerated() {
        evaluators[layer].add(gold: gold, predicted: tags, words: sentence.words)
      }
    }
    let scores = evaluators.map(\.scores)
    let spans = scores.compactMap { $0.chunks?.f1 }
    let selected = scores.map { layer in
      (selectsOnSpanF1 ? layer.chunks?.f1 : nil) ?? layer.accuracy
    }
    return DevScores(
      accuracy: scores.reduce(0) { $0 + $1.accuracy } / Double(layerCount),
      spanF1: spans.isEmpty ? nil : spans.reduce(0, +) / Double(spans.count),
      selection: selected.reduce(0, +) / Double(layerCount),
      selectsOnSpanF1: selectsOnSpanF1 && !spans.isEmpty)
  }
}

/// A model's figures on the dev set after an epoch (see `Trainer.devScores()`).
struct DevScores {
  /// Token accuracy, 0-100.
  var accuracy: Double
  /// Span F1, 0-100, when the tags are chunk labels.
  var spanF1: Double?
  /// The score that selects the best model.
  var selection: Double
  /// Whether `selection` is made of span F1 (else token accuracy).
  var selectsOnSpanF1: Bool

  /// What `selection` measures, for messages.
  var selectionName: String { selectsOnSpanF1 ? "dev score (span F1)" : "dev accuracy" }
}
