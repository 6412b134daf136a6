import Foundation

/// The gradient accumulators of the two halves of a batch, written on two threads (distinct
/// stored properties, so the dynamic exclusivity checks see no overlap).
final class HalfBatchGradients: @unchecked Sendable {
  var first: RecurrentDecoder
  var second: RecurrentDecoder

  init(_ decoder: RecurrentDecoder) {
    first = decoder.zeroedCopy()
    second = decoder.zeroedCopy()
  }
}

extension LanguageModelTrainer {
  /// What one pass over the training data (or the part of it that ran) gave.
  struct EpochResult {
    var nats: Double = 0
    var characters = 0
    var isComplete = false
  }

  /// One pass over the training lines, stopping early when `isCut()` turns true.
  ///
  /// - Throws: `TrainingDivergedError` as soon as a batch's loss is not finite.
  mutating func runEpoch(
    onEvent: (LanguageModelTrainingEvent) -> Void, isCut: () -> Bool
  ) throws -> EpochResult {
    let training = training
    let batches = LengthBucketing.batches(
      of: Array(training.indices), batchSize: state.options.linesPerBatch,
      length: { training[$0].count }, using: &rng)
    let characterCount = training.reduce(0) { $0 + $1.count + 1 }
    var result = EpochResult()
    let start = Date()
    for (index, batch) in batches.enumerated() {
      if isCut() { return result }
      let (nats, characters) = trainStep(on: batch.map { training[$0] })
      guard nats.isFinite else { throw divergence(what: "the loss of batch \(index + 1)") }
      result.nats += nats
      result.characters += characters
      let seconds = max(Date().timeIntervalSince(start), 1e-9)
      onEvent(
        .batch(
          BatchProgress(
            epoch: state.epochsDone + 1, batchesDone: index + 1, batchCount: batches.count,
            tokensDone: result.characters, tokenCount: characterCount,
            meanLoss: result.nats / Double(max(result.characters, 1)) / log(2),
            tokensPerSecond: Double(result.characters) / seconds)))
    }
    result.isComplete = true
    return result
  }

  /// The error for a run whose `what` stopped being finite in the epoch under way.
  func divergence(what: String) -> TrainingDivergedError {
    TrainingDivergedError(
      epoch: state.epochsDone + 1, what: what, learningRate: state.learningRate,
      bestEpoch: bestEpoch)
  }

  /// Throws when a weight that training changes or saves (the averaged ones too) is NaN or
  /// infinite, before such a model is scored, saved or checkpointed.
  func refuseNonFiniteWeights() throws {
    let name =
      state.model.decoder.firstNonFiniteParameter()
      ?? state.averagedDecoder?.firstNonFiniteParameter()
    if let name { throw divergence(what: "parameter \"\(name)\"") }
  }

  /// Forward, loss, backward, clipping and one Adam step on one batch of encoded lines; with two
  /// threads the batch is split in two halves whose gradients are summed.
  ///
  /// - Returns: the summed loss in nats and the number of predicted characters.
  mutating func trainStep(on lines: [[Int]]) -> (Double, Int) {
    let seeds = (0..<2).map { _ in rng.next() }
    let (nats, characters) = accumulateGradients(on: lines, seeds: seeds)
    if state.options.clipNorm > 0 {
      clipGradientNorm(&gradients.first, maxNorm: state.options.clipNorm)
    }
    optimizer.update(&state.model.decoder, gradients: gradients.first)
    state.stepsDone += 1
    updateAverage()
    return (nats, characters)
  }

  /// Moves the averaged weights towards the current ones, as the tagger's trainer does
  /// (`ParameterContainer.moveAverage`).
  mutating func updateAverage() {
    guard var averaged = state.averagedDecoder else { return }
    state.averagedDecoder = nil  // keeps `averaged` uniquely referenced: no copy-on-write
    averaged.moveAverage(
      towards: state.model.decoder, afterSteps: state.stepsDone,
      maxDecay: state.options.averageDecay, usingTwoThreads: state.options.threads >= 2)
    state.averagedDecoder = averaged
  }

  /// Leaves the gradient of the batch's mean loss in `gradients.first` (no copy of the model
  /// outlives this call, so the optimiser then updates the weights in place).
  private func accumulateGradients(on lines: [[Int]], seeds: [UInt64]) -> (Double, Int) {
    let decoder = state.model.decoder
    // A batch's lines are sorted by length: every other line makes two halves of about the same
    // number of characters (the first and second half differ by about 5 %, and the thread with
    // the longer one held the other up).
    let halves =
      state.options.threads >= 2 && lines.count >= 2
      ? [
        stride(from: 0, to: lines.count, by: 2).map { lines[$0] },
        stride(from: 1, to: lines.count, by: 2).map { lines[$0] },
      ] : [lines]
    let batches = halves.map(state.model.batch)
    let total = batches.reduce(0) { $0 + $1.targetCount }
    let gradients = gradients
    let run = { (index: Int, accumulator: inout RecurrentDecoder) -> Double in
      var dropoutRNG = SplitMix64(seed: seeds[index])
      let batch = batches[index]
      let (logits, cache) = decoder.forward(batch, isTraining: true, using: &dropoutRNG)
      var result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: batch.targetIDs)
      // The gradient of the mean over the whole batch, not over this half.
      result.dLogits.scale(by: Float(result.count) / Float(max(total, 1)))
      accumulator.zeroParameters()
      decoder.backward(result.dLogits, cache: cache, into: &accumulator)
      return result.loss
    }
    guard batches.count == 2 else { return (run(0, &gradients.first), total) }
    let losses = DirectionPair.run(concurrently: true) { isSecond in
      isSecond ? run(1, &gradients.second) : run(0, &gradients.first)
    }
    let second = gradients.second
    let paths = second.parameterPaths
    var index = 0
    gradients.first.updateParameters { sum in
      sum += second[keyPath: paths[index].path]
      index += 1
    }
    return (losses.forward + losses.backward, total)
  }
}
