import Foundation
import Testing

@testable import Tagger

/// The language-model trainer scores and saves a moving average of the weights, as the tagger's
/// does: the average's update, what is saved, and options saved before it existed.
@Suite struct LanguageModelAveragingTests {
  @Test func oneStepMovesTheAverageByTheRampsShare() throws {
    let lines = LanguageModelTrainerTests.lines
    var trainer = LanguageModelTrainer(
      training: lines, dev: lines, options: LanguageModelTrainerTests.options())
    let initial = trainer.state.model.decoder
    let startsAtInitial = trainer.state.averagedDecoder == initial
    #expect(startsAtInitial)
    _ = trainer.trainStep(on: Array(trainer.training.prefix(2)))
    let current = trainer.state.model.decoder
    let averaged = try #require(trainer.state.averagedDecoder)
    let moved = current != initial
    #expect(moved)
    // Step 1 of the ramp: decay (1 + 1) / (10 + 1).
    let decay: Float = 2.0 / 11.0
    for (index, entry) in current.parameterPaths.enumerated() {
      let start = initial[keyPath: entry.path].storage
      let now = current[keyPath: entry.path].storage
      let average = averaged[keyPath: entry.path].storage
      for k in start.indices {
        let want = decay * start[k] + (1 - decay) * now[k]
        #expect(abs(average[k] - want) <= 1e-6 * max(1, abs(want)), "\(index) \(entry.name)[\(k)]")
        if abs(average[k] - want) > 1e-6 * max(1, abs(want)) { return }
      }
    }
  }

  @Test(arguments: [Float(0.999), 0])
  func theSavedModelIsTheAverageWhenTrainingAverages(decay: Float) throws {
    var options = LanguageModelTrainerTests.options()
    options.averageDecay = decay
    options.learningRateDecay = 1
    let lines = LanguageModelTrainerTests.lines
    var trainer = LanguageModelTrainer(training: lines, dev: lines, options: options)
    var saved: [CharacterLanguageModel] = []
    var bestEpochs: [Int] = []
    let best = try trainer.train(
      onEvent: { event in
        if case .epochFinished(let entry, let isBest) = event, isBest {
          bestEpochs.append(entry.epoch)
        }
      }, shouldStop: { false }, saveBest: { saved.append($0) }, saveCheckpoint: { _ in })
    let model = try #require(best)
    // The tiny text keeps improving, so the last epoch is the best one.
    #expect(bestEpochs.last == options.maxEpochs)
    // (Booleans first: a failed comparison of two decoders would print every weight.)
    let savedIsBest = saved.last?.decoder == model.decoder
    #expect(savedIsBest)
    // The dev score of the best epoch is the saved model's own.
    let logged = try #require(model.provenance.log.first { $0.epoch == bestEpochs.last })
    #expect(abs(model.score(lines).bitsPerCharacter - logged.devBitsPerCharacter) < 1e-9)
    if decay > 0 {
      let isRaw = model.decoder == trainer.state.model.decoder
      #expect(!isRaw)
      let isAverage = model.decoder == trainer.state.averagedDecoder
      #expect(isAverage)
    } else {
      #expect(trainer.state.averagedDecoder == nil)
      let isRaw = model.decoder == trainer.state.model.decoder
      #expect(isRaw)
    }
  }

  @Test func optionsSavedBeforeAveragingKeepTheRawWeights() throws {
    let options = LanguageModelTrainerTests.options()
    let data = try JSONEncoder().encode(options)
    #expect(try JSONDecoder().decode(LanguageModelTrainingOptions.self, from: data) == options)
    var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    json["averageDecay"] = nil
    let old = try JSONDecoder().decode(
      LanguageModelTrainingOptions.self, from: JSONSerialization.data(withJSONObject: json))
    #expect(old.averageDecay == 0)
    #expect(old.maxEpochs == options.maxEpochs && old.seed == options.seed)
    // Any other missing key is still an error, not a silent default.
    json["seed"] = nil
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(
        LanguageModelTrainingOptions.self, from: JSONSerialization.data(withJSONObject: json))
    }
  }
}
