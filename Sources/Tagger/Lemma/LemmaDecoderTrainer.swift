import Foundation

/// What `LemmaDecoderTrainer` reports after each epoch.
public struct LemmaDecoderEpoch: Sendable, Equatable {
  /// The 1-based epoch.
  public var epoch: Int
  /// The mean teacher-forced loss per character (nats).
  public var trainLoss: Double
  /// The share of dev words unknown to the dictionary whose greedy lemma is right, in percent
  /// (with gold tags); nil without such words.
  public var devAccuracy: Double?
  /// The epoch's duration.
  public var seconds: Double
  /// Whether this epoch's weights are the best so far (kept).
  public var isBest: Bool
}

/// Trains the lemma encoder-decoder of a trained tagger: the second stage of `train --tag …,lemma`.
///
/// The tagger's weights stay fixed; each word's context is its top BiLSTM state in its sentence.
/// The examples are the distinct (form, first-layer tag, lemma) triples of the training data,
/// each with the context of its first occurrence: the decoder answers only words the dictionary
/// has not seen, so frequent words would only dominate the loss. The epoch kept is the one
/// whose greedy lemmas are most often right on the dev words the dictionary has not seen (with
/// their gold tags); those words then decide, tag by tag, whether the decoder or the
/// dictionary's copy and suffix rules answer unseen words (`LemmaDecoderHead.tags`).
public struct LemmaDecoderTrainer {
  /// One training word.
  struct Example {
    var characters: [Int]
    var tag: Int
    var context: [Float]
    var lemma: [Int]
    /// Whether the dictionary's rules (copy, suffix, fallback) give the right lemma (dev).
    var rulesAreRight = false
  }

  /// Sizes, epochs and the optimiser's settings.
  public struct Options: Sendable, Equatable {
    /// The sizes of the network.
    public var configuration = LemmaDecoderConfiguration()
    /// The most epochs.
    public var maxEpochs = 30
    /// Stops after this many epochs without a better dev accuracy.
    public var patience = 4
    /// Words per batch.
    public var batchSize = 32
    /// Adam's learning rate.
    public var learningRate: Float = 2e-3
    /// The seed of initialisation and shuffling.
    public var seed: UInt64 = 1

    /// The defaults.
    public init() {}
  }

  let options: Options
  let examples: [Example]
  let devExamples: [Example]
  let vocabulary: CharacterVocabulary

  /// Prepares the examples of `training` (and the dev words `model`'s dictionary does not know)
  /// with the contexts `model` computes. `model` must have a lemma dictionary.
  public init(model: TaggerModel, training: [TaggedSentence], dev: [TaggedSentence], options: Options)
  {
    precondition(model.lemmaDictionary != nil, "LemmaDecoderTrainer: the model has no lemmas")
    self.options = options
    let vocabulary = CharacterVocabulary.build(
      words: training.lazy.flatMap { $0.words + $0.lemmas }, minimumCount: 1)
    self.vocabulary = vocabulary
    func ids(_ text: String) -> [Int]? {
      LemmaDecoderHead.characterIDs(of: text, in: vocabulary)
    }
    var seen = Set<[String]>()
    examples = Self.examples(model: model, sentences: training, ids: ids) { form, tag, lemma in
      seen.insert([form, tag, lemma]).inserted ? false : nil
    }
    let dictionary = model.lemmaDictionary!
    devExamples = Self.examples(model: model, sentences: dev, ids: ids) { form, tag, lemma in
      let answer = dictionary.lemma(of: form, tag: tag)
      return answer.source == .dictionary ? nil : answer.lemma == lemma
    }
  }

  /// The examples of `sentences` that `keep` accepts (it returns whether the dictionary's rules
  /// are right, or nil to drop the word), with their contexts.
  private static func examples(
    model: TaggerModel, sentences: [TaggedSentence], ids: (String) -> [Int]?,
    keep: (String, String, String) -> Bool?
  ) -> [Example] {
    var result: [Example] = []
    let batchSize = 32
    for start in stride(from: 0, to: sentences.count, by: batchSize) {
      let batch = Array(sentences[start..<min(start + batchSize, sentences.count)])
      let contexts = model.wordContexts(batch.map(\.input))
      for (b, sentence) in batch.enumerated() {
        for (i, form) in sentence.words.enumerated() {
          let (tag, lemma) = (sentence.tags[i], sentence.lemmas[i])
          guard lemma != "_" || form == "_", let tagID = model.tagSet.id(of: tag),
            let characters = ids(form), let lemmaIDs = ids(lemma),
            let rulesAreRight = keep(form, tag, lemma)
          else { continue }
          result.append(
            Example(
              characters: characters, tag: tagID, context: contexts.row(i * batch.count + b),
              lemma: lemmaIDs, rulesAreRight: rulesAreRight))
        }
      }
    }
    return result
  }

  /// The number of distinct training words, and of dev words the decoder is scored on.
  public var exampleCounts: (training: Int, dev: Int) { (examples.count, devExamples.count) }

  /// Trains a new encoder-decoder for `model` and returns the best epoch's, or nil when there
  /// is nothing to learn from. `onEpoch` hears every epoch; `shouldStop` is polled between
  /// epochs.
  public func train(
    model: TaggerModel, onEpoch: (LemmaDecoderEpoch) -> Void, shouldStop: () -> Bool = { false }
  ) -> LemmaDecoderHead? {
    guard !examples.isEmpty else { return nil }
    var rng = SplitMix64(seed: options.seed)
    var network = LemmaEncoderDecoder(
      configuration: options.configuration, characterCount: vocabulary.count,
      tagCount: model.tagSet.count, contextSize: 2 * model.network.stack.hiddenSize, using: &rng)
    var optimizer = Adam(learningRate: options.learningRate)
    var best: (network: LemmaEncoderDecoder, accuracy: Double, devRight: [Bool])?
    var epochsWithoutImprovement = 0
    for epoch in 1...options.maxEpochs {
      let start = Date()
      var order = Array(examples.indices)
      order.shuffle(using: &rng)
      var lossSum = 0.0
      var characterCount = 0
      for batchStart in stride(from: 0, to: order.count, by: options.batchSize) {
        let batch = order[batchStart..<min(batchStart + options.batchSize, order.count)].map {
          examples[$0]
        }
        let (logits, targets, cache) = network.forward(
          Self.words(batch), lemmas: batch.map(\.lemma), isTraining: true, using: &rng)
        let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
        var gradients = network.zeroedCopy()
        network.backward(result.dLogits, cache: cache, into: &gradients)
        let norm = clipGradientNorm(&gradients, maxNorm: 5)
        guard norm.isFinite else { continue }
        optimizer.update(&network, gradients: gradients)
        lossSum += result.loss
        characterCount += result.count
      }
      let devRight = Self.rightLemmas(network, devExamples)
      let accuracy =
        devRight.isEmpty
        ? nil : 100 * Double(devRight.filter { $0 }.count) / Double(devRight.count)
      let score = accuracy ?? Double(epoch)  // without dev words, the last epoch is kept
      let isBest = best.map { score > $0.accuracy } ?? true
      if isBest {
        best = (network, score, devRight)
        epochsWithoutImprovement = 0
      } else {
        epochsWithoutImprovement += 1
      }
      onEpoch(
        LemmaDecoderEpoch(
          epoch: epoch, trainLoss: lossSum / Double(max(characterCount, 1)),
          devAccuracy: accuracy, seconds: Date().timeIntervalSince(start), isBest: isBest))
      if accuracy != nil && epochsWithoutImprovement >= options.patience || shouldStop() { break }
    }
    guard let best else { return nil }
    return LemmaDecoderHead(
      network: best.network, vocabulary: vocabulary,
      tags: decoderTags(
        devRight: best.devRight, dictionary: model.lemmaDictionary!, tagSet: model.tagSet))
  }

  /// The tags whose unknown words the decoder answers: those where it is right on more dev
  /// words than the dictionary's rules (`devRight[i]`: the kept epoch got dev word i right); a
  /// tag without dev words goes to the decoder unless the dictionary copies its words
  /// (`copyTags`).
  func decoderTags(devRight: [Bool], dictionary: LemmaDictionary, tagSet: TagSet) -> Set<String> {
    var tally: [Int: (decoder: Int, rules: Int)] = [:]
    for (isRight, example) in zip(devRight, devExamples) {
      var counts = tally[example.tag] ?? (0, 0)
      if isRight { counts.decoder += 1 }
      if example.rulesAreRight { counts.rules += 1 }
      tally[example.tag] = counts
    }
    return Set(
      tagSet.tags.indices.filter { tag in
        guard let counts = tally[tag] else { return !dictionary.copyTags.contains(tagSet.tags[tag]) }
        return counts.decoder > counts.rules
      }.map { tagSet.tags[$0] })
  }

  /// The words of `examples` as the network reads them.
  static func words(_ examples: [Example]) -> LemmaWords {
    let width = examples.first?.context.count ?? 0
    return LemmaWords(
      characters: examples.map(\.characters), tags: examples.map(\.tag),
      contexts: Matrix(rows: examples.count, columns: width, storage: examples.flatMap(\.context)))
  }

  /// Whether the greedy lemma of each of `examples` is right.
  static func rightLemmas(_ network: LemmaEncoderDecoder, _ examples: [Example]) -> [Bool] {
    var right: [Bool] = []
    for start in stride(from: 0, to: examples.count, by: 256) {
      let batch = Array(examples[start..<min(start + 256, examples.count)])
      right += zip(network.lemmas(of: words(batch)), batch).map { $0 == $1.lemma }
    }
    return right
  }
}
