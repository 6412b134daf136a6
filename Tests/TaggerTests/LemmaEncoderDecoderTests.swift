import Foundation
import Testing

@testable import Tagger

/// The lemma encoder-decoder: gradients against finite differences, the teacher-forced path
/// against the step-by-step path the samplers use, and padding that changes nothing.
@Suite struct LemmaEncoderDecoderTests {
  /// A tiny model: V = 9 (4 markers and 5 characters), 3 tags, C = 3.
  static func model(dropout: Float = 0, seed: UInt64 = 3) -> LemmaEncoderDecoder {
    var configuration = LemmaDecoderConfiguration()
    configuration.embeddingSize = 3
    configuration.encoderSize = 4
    configuration.decoderSize = 5
    configuration.tagEmbeddingSize = 2
    configuration.dropout = dropout
    var rng = SplitMix64(seed: seed)
    return LemmaEncoderDecoder(
      configuration: configuration, characterCount: 9, tagCount: 3, contextSize: 3, using: &rng)
  }

  /// Three words of 3, 1 and 5 characters (unsorted) and their lemmas.
  static func words(seed: UInt64 = 11) -> LemmaWords {
    var rng = SplitMix64(seed: seed)
    return LemmaWords(
      characters: [[4, 5, 6], [7], [8, 4, 4, 5, 6]], tags: [2, 0, 1],
      contexts: Matrix.random(rows: 3, columns: 3, using: &rng))
  }

  static let lemmas = [[4, 5], [7, 8], [8, 4, 4, 5, 6, 6]]

  @Test func gradientsMatchFiniteDifferences() {
    let model = Self.model(dropout: 0.25)
    let words = Self.words()
    func loss(_ model: LemmaEncoderDecoder) -> Double {
      var rng = SplitMix64(seed: 17)
      let (logits, targets, _) = model.forward(
        words, lemmas: Self.lemmas, isTraining: true, using: &rng)
      return SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets).loss
    }
    var rng = SplitMix64(seed: 17)
    let (logits, targets, cache) = model.forward(
      words, lemmas: Self.lemmas, isTraining: true, using: &rng)
    let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
    var dLogits = result.dLogits
    dLogits.scale(by: Float(result.count))
    var gradients = model.zeroedCopy()
    model.backward(dLogits, cache: cache, into: &gradients)
    // Every parameter takes part (the attention and the encoder included), so none is all zero.
    for entry in gradients.parameterPaths where entry.name != "lemma.tags.table" {
      #expect(gradients[keyPath: entry.path].sumOfSquares() > 0, "\(entry.name) has no gradient")
    }
    expectGradientsMatch(model, gradients: gradients, loss: loss)
  }

  @Test func teacherForcedLossEqualsTheSumOfStepCrossEntropies() {
    let model = Self.model()
    let words = Self.words()
    let teacherForced = model.loss(words, lemmas: Self.lemmas)
    let stepper = LemmaStepDecoder(model)
    let start = stepper.initialState(words)
    var stepped = 0.0
    for (index, lemma) in Self.lemmas.enumerated() {
      var state = stepper.selecting(start, rows: [index])
      let inputs = [CharacterVocabulary.beginID] + lemma
      for (symbol, target) in zip(inputs, lemma + [CharacterVocabulary.endID]) {
        let logits = stepper.step([symbol], state: &state)
        stepped -= Sampler.logSoftmax(logits, row: 0)[target]
      }
    }
    #expect(
      abs(teacherForced - stepped) <= 1e-4 * abs(stepped),
      "teacher-forced \(teacherForced), stepped \(stepped)")
  }

  @Test func aWordsLemmaDoesNotDependOnTheOtherWordsOfItsBatch() {
    let model = Self.model()
    let words = Self.words()
    let together = model.loss(words, lemmas: Self.lemmas)
    var alone = 0.0
    for index in 0..<words.count {
      let one = LemmaWords(
        characters: [words.characters[index]], tags: [words.tags[index]],
        contexts: words.contexts.gatheringRows([index]))
      alone += model.loss(one, lemmas: [Self.lemmas[index]])
    }
    #expect(abs(together - alone) <= 1e-4 * abs(alone), "batched \(together), one by one \(alone)")
  }

  @Test func greedyAndBeamDecodingLearnAMapping() {
    // Two words whose lemmas drop or keep the last character; a few hundred steps learn it.
    var model = Self.model(seed: 5)
    let words = LemmaWords(
      characters: [[4, 5, 6], [7, 8]], tags: [0, 1], contexts: Matrix(rows: 2, columns: 3))
    let lemmas = [[4, 5], [7, 8, 8]]
    var optimizer = Adam(learningRate: 0.05, beta1: 0.9, beta2: 0.999)
    for _ in 0..<300 {
      var rng = SplitMix64(seed: 1)
      let (logits, targets, cache) = model.forward(
        words, lemmas: lemmas, isTraining: false, using: &rng)
      let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
      var gradients = model.zeroedCopy()
      model.backward(result.dLogits, cache: cache, into: &gradients)
      optimizer.update(&model, gradients: gradients)
    }
    #expect(model.lemmas(of: words) == lemmas)
    #expect(model.lemmas(of: words, beamWidth: 3) == lemmas)
  }
}
