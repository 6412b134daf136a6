/// The label chosen for one sentence, with its probability and the runners-up.
public struct LabelPrediction: Sendable, Equatable {
  /// The most probable label.
  public var label: String
  /// Its probability.
  public var probability: Float
  /// The K most probable labels with their probabilities, best first (the chosen one included).
  public var alternatives: [(label: String, probability: Float)]

  public static func == (lhs: LabelPrediction, rhs: LabelPrediction) -> Bool {
    lhs.label == rhs.label && lhs.probability == rhs.probability
      && lhs.alternatives.elementsEqual(rhs.alternatives) { $0 == $1 }
  }
}

/// Everything a model predicts for one sentence: its heads' outputs.
public struct SentencePrediction: Sendable, Equatable {
  /// One tag per word; empty without a tag head.
  public var tags: [TagPrediction]
  /// The sentence label; nil without a label head, and for an empty sentence.
  public var label: LabelPrediction?

  /// A sentence's predictions: `tags` one per word (empty without a tag head), `label` nil
  /// without a label head.
  public init(tags: [TagPrediction], label: LabelPrediction?) {
    self.tags = tags
    self.label = label
  }
}

extension TaggerModel {
  /// The most words of one sentence that `tagcli tag` and `tagcli serve` give a model with a
  /// label head: its label reads the sentence whole, with no windows, and inference holds about
  /// 15 KB per word (a 4.5 MB line of 1.3 million words took 19.6 GB), so longer ones are
  /// refused rather than risk the machine.
  public static let labelledSentenceWordLimit = 20_000

  /// Runs every head of the model on sentences of words in one batch (see the `TaggerInput`
  /// form; a model that reads input features needs that one).
  public func predictSentences(_ sentences: [[String]], topK: Int = 1, temperature: Float = 1)
    -> [SentencePrediction]
  {
    predictSentences(
      sentences.map { TaggerInput(words: $0) }, topK: topK, temperature: temperature)
  }

  /// Runs every head of the model on sentences in one batch.
  ///
  /// - Parameters:
  ///   - inputs: word forms, with the values of the model's input features; empty sentences
  ///     give empty results.
  ///   - topK: how many alternatives to keep per word and per sentence (at least 1).
  ///   - temperature: divides the logits of every probability, tags and label alike (the
  ///     model's calibrated temperature, or `--temperature`).
  /// - Returns: one prediction per sentence. A CRF tag layer's tags are its decoded sequence
  ///   with forward-backward probabilities, as `predict(_:decoding:topK:)` gives them (under the
  ///   model's default decoding), not each word's best emission score.
  public func predictSentences(_ inputs: [TaggerInput], topK: Int = 1, temperature: Float = 1)
    -> [SentencePrediction]
  {
    let sentences = inputs.map(\.words)
    let nonEmpty = sentences.indices.filter { !sentences[$0].isEmpty }
    var results = sentences.map { _ in SentencePrediction(tags: [], label: nil) }
    guard !nonEmpty.isEmpty else { return results }
    let batch = nonEmpty.map { inputs[$0] }
    let outputs = members.map { member in
      var rng = SplitMix64(seed: 0)  // drawn from only with dropout, which inference turns off
      return member.network.forward(member.networkBatch(batch), isTraining: false, using: &rng)
    }
    // A CRF's per-word softmax of emissions is not its tag distribution: decode the sequence.
    let decodesSequences = heads.tags != nil && crfLattice() != nil
    let memberTagLogits = outputs.compactMap(\.logits)
    let tagLogits = decodesSequences ? [] : memberTagLogits
    let labelLogits = outputs.compactMap(\.labelLogits)
    let tagProbabilities =
      tagLogits.isEmpty ? nil : Self.meanProbabilities(tagLogits, temperature: temperature)
    let labelProbabilities =
      labelLogits.isEmpty ? nil : Self.meanProbabilities(labelLogits, temperature: temperature)
    if decodesSequences {
      var decoding = defaultDecoding
      decoding.temperature = temperature
      let keep = max(1, min(topK, tagSet.count))
      let allScores = scores(
        Self.combinedLogits(memberTagLogits, isCRF: true), inputs: batch)
      for (scores, sentenceIndex) in zip(allScores, nonEmpty) {
        let best = path(scores, decoding: decoding)
        results[sentenceIndex].tags = predictions(
          scores: scores, path: best, layerTags: best.map { _ in [] }, decoding: decoding,
          keeping: keep)
      }
    }
    let width = nonEmpty.count
    for (column, sentenceIndex) in nonEmpty.enumerated() {
      if let probabilities = tagProbabilities {
        results[sentenceIndex].tags = (0..<sentences[sentenceIndex].count).map { step in
          let row = step * width + column
          let ranked = Self.ranking(probabilities, row: row, keeping: max(1, topK)).map {
            (tag: tagSet.tags[$0], probability: probabilities[row, $0])
          }
          return TagPrediction(
            tag: ranked[0].tag, probability: ranked[0].probability, alternatives: ranked)
        }
      }
      if let probabilities = labelProbabilities {
        let ranked = Self.ranking(probabilities, row: column, keeping: max(1, topK)).map {
          (label: labelSet.tags[$0], probability: probabilities[column, $0])
        }
        results[sentenceIndex].label = LabelPrediction(
          label: ranked[0].label, probability: ranked[0].probability, alternatives: ranked)
      }
    }
    return results
  }

  /// `predictSentences` over many sentences of words in length-sorted batches, keeping their
  /// order.
  public func predictSentencesInBatches(
    _ sentences: [[String]], topK: Int = 1, temperature: Float = 1, sentencesPerBatch: Int = 32
  ) -> [SentencePrediction] {
    predictSentencesInBatches(
      sentences.map { TaggerInput(words: $0) }, topK: topK, temperature: temperature,
      sentencesPerBatch: sentencesPerBatch)
  }

  /// `predictSentences` over many sentences in length-sorted batches, keeping their order.
  public func predictSentencesInBatches(
    _ inputs: [TaggerInput], topK: Int = 1, temperature: Float = 1, sentencesPerBatch: Int = 32
  ) -> [SentencePrediction] {
    let order = inputs.indices.sorted { inputs[$0].words.count < inputs[$1].words.count }
    var results = [SentencePrediction](
      repeating: SentencePrediction(tags: [], label: nil), count: inputs.count)
    var start = 0
    while start < order.count {
      let indices = Array(order[start..<min(start + sentencesPerBatch, order.count)])
      let predictions = predictSentences(
        indices.map { inputs[$0] }, topK: topK, temperature: temperature)
      for (index, prediction) in zip(indices, predictions) { results[index] = prediction }
      start += sentencesPerBatch
    }
    return results
  }

  /// The most probable label of each sentence (nil for an empty one), in length-sorted batches.
  public func labelsInBatches(_ inputs: [TaggerInput], sentencesPerBatch: Int = 32) -> [String?] {
    predictSentencesInBatches(inputs, sentencesPerBatch: sentencesPerBatch).map(\.label?.label)
  }
}
