import Foundation

/// Tagging with a chosen `Decoding`: the network's scores, a search over tag sequences, and the
/// probabilities shown beside each tag.
extension TaggerModel {
  /// The value ids of `sentence`'s input features (`<unk>` for values unseen in training).
  func featureIDs(_ sentence: TaggedSentence) -> [[Int]] { featureIDs(sentence.input) }

  /// The value ids of `input`'s input features (`<unk>` for values unseen in training).
  func featureIDs(_ input: TaggerInput) -> [[Int]] {
    precondition(
      input.features.count == featureVocabularies.count,
      "TaggerModel: \(input.features.count) input features given, the model reads \(featureVocabularies.count)"
    )
    return zip(featureVocabularies, input.features).map { vocabulary, values in
      values.map { vocabulary.id(of: $0) }
    }
  }

  /// The network input for `inputs` (and gold tag ids when training).
  func networkBatch(_ inputs: [TaggerInput], tagIDs: [[Int]]? = nil) -> NetworkBatch {
    NetworkBatch(
      forms: inputs.map(\.words), wordIDs: inputs.map { $0.words.map { vocabulary.id(of: $0) } },
      characterIDs: network.characters == nil
        ? { _ in [] } : { characterVocabulary.ids(of: $0) }, tagIDs: tagIDs,
      featureIDs: inputs.map(featureIDs), featureCount: featureVocabularies.count)
  }

  /// The network's tag scores (logits) of each sentence, `[L, C]` row-major in `Double`.
  func sentenceScores(_ inputs: [TaggerInput]) -> [[Double]] {
    scoresAndLayerTags(inputs).scores
  }

  /// The first tag layer's scores of each sentence (`[L, C]` row-major in `Double`) and, for
  /// each word, its most probable tag in every additional layer (`layerTags[b][i][k]`: layer
  /// k + 1 of word i of sentence b; empty lists for a one-layer model).
  func scoresAndLayerTags(_ inputs: [TaggerInput]) -> (scores: [[Double]], layerTags: [[[String]]])
  {
    let result = scoresLayerTagsAndContexts(inputs)
    return (result.scores, result.layerTags)
  }

  /// Each word's context: the top BiLSTM state the tag heads read, `[T·B, 2H]` in the batch's
  /// time-major layout (row `i·B + b` is word i of input b).
  func wordContexts(_ inputs: [TaggerInput]) -> Matrix {
    scoresLayerTagsAndContexts(inputs).contexts
  }

  /// `scoresAndLayerTags`, with the words' contexts (see `wordContexts`).
  func scoresLayerTagsAndContexts(_ inputs: [TaggerInput]) -> (
    scores: [[Double]], layerTags: [[[String]]], contexts: Matrix
  ) {
    guard !inputs.isEmpty else { return ([], [], Matrix(rows: 0, columns: 0)) }
    let outputs = members.map { $0.memberOutputs(inputs) }
    let logits = Self.combinedLogits(outputs.map(\.logits), isCRF: network.crf != nil)
    let layerBest = layerTagSets.indices.map { layer in
      SoftmaxCrossEntropy.argmax(
        Self.combinedLogits(outputs.map { $0.layerLogits[layer] }, isCRF: false)
      )
      .map { layerTagSets[layer].tags[$0] }
    }
    let width = inputs.count
    let layerTags = inputs.indices.map { b in
      (0..<inputs[b].words.count).map { step in
        heads.layerTags(fromOutputs: layerBest.map { $0[step * width + b] })
      }
    }
    return (scores(logits, inputs: inputs), layerTags, outputs[0].contexts)
  }

  /// This model's own network on `inputs` (not its ensemble's other members): the tag logits
  /// and further layers' logits, `[T·B, C]`, and the words' contexts (see `wordContexts`).
  private func memberOutputs(_ inputs: [TaggerInput]) -> (
    logits: Matrix, layerLogits: [Matrix], contexts: Matrix
  ) {
    var rng = SplitMix64(seed: 0)  // drawn from only with dropout, which inference turns off
    let output = network.forward(networkBatch(inputs), isTraining: false, using: &rng)
    guard let logits = output.logits else {
      preconditionFailure("sentenceScores: the model has no tag head (\(heads.summary))")
    }
    return (
      logits, network.layerLogits(output.cache),
      output.cache.classifierInput ?? Matrix(rows: 0, columns: 0)
    )
  }

  /// `logits` `[T·B, C]` split into each sentence's rows, `[L, C]` row-major in `Double`.
  func scores(_ logits: Matrix, inputs: [TaggerInput]) -> [[Double]] {
    let tagCount = tagSet.count
    return inputs.indices.map { b in
      var rows: [Double] = []
      rows.reserveCapacity(inputs[b].words.count * tagCount)
      for step in 0..<inputs[b].words.count {
        let offset = (step * inputs.count + b) * tagCount
        rows += logits.storage[offset..<offset + tagCount].lazy.map(Double.init)
      }
      return rows
    }
  }

  /// The best tag sequence of one sentence's scores under `decoding`.
  func path(_ scores: [Double], decoding: Decoding) -> [Int] {
    let length = scores.count / tagSet.count
    if network.crf == nil && decoding.constraints == nil {
      // Independent words: every search finds each word's best score.
      return (0..<length).map {
        SequenceDecoding.topIndices(
          Array(scores[$0 * tagSet.count..<($0 + 1) * tagSet.count]), keeping: 1)[0]
      }
    }
    let free: TagLattice
    var emissions = scores
    if let lattice = crfLattice() {
      free = lattice
    } else {
      free = TagLattice(tagCount: tagSet.count)
      emissions = Self.logSoftmax(scores, tagCount: tagSet.count, scale: 1)
    }
    let lattice = free.constrained(by: decoding.constraints)
    return decoding.method.decode(emissions, length: length, lattice: lattice, free: free)
  }

  /// The probability of each tag for each word, `[L, C]`, at `temperature`: the softmax of
  /// `logits / temperature`, or for a CRF the forward-backward marginals of the sentence
  /// distribution whose scores are all divided by `temperature` (under the constraints).
  func tagProbabilities(_ scores: [Double], temperature: Float, constraints: SpanConstraints?)
    -> [Double]
  {
    let tagCount = tagSet.count
    let scale = 1 / Double(temperature)
    guard let free = crfLattice(scale: scale) else {
      return Self.logSoftmax(scores, tagCount: tagCount, scale: scale).map { Foundation.exp($0) }
    }
    let length = scores.count / tagCount
    for lattice in [free.constrained(by: constraints), free] {
      let result = CRFForwardBackward(
        emissions: scores.map { $0 * scale }, batch: SequenceBatch(lengths: [length]),
        lattice: lattice, computesTransitions: false)
      if result.logPartitions[0] > -.infinity { return result.marginals }
    }
    return [Double](repeating: 1 / Double(tagCount), count: scores.count)
  }

  /// Row-wise `log softmax(scale · x)` of `[L, C]` scores.
  static func logSoftmax(_ scores: [Double], tagCount: Int, scale: Double) -> [Double] {
    var result = scores
    for start in stride(from: 0, to: scores.count, by: tagCount) {
      let row = scores[start..<start + tagCount].map { $0 * scale }
      let logZ = CRFForwardBackward.logSumExp(row)
      for tag in 0..<tagCount { result[start + tag] = row[tag] - logZ }
    }
    return result
  }

  /// Tags sentences in one batch with `decoding`.
  ///
  /// Each word's prediction holds the decoded tag with its probability (see `tagProbabilities`)
  /// and the `topK` most probable tags; under constraints the decoded tag need not be the most
  /// probable one. With `computesProbabilities` false, probabilities are left at 0 (evaluation,
  /// which needs the tags only).
  public func predict(
    _ inputs: [TaggerInput], decoding: Decoding, topK: Int = 1, computesProbabilities: Bool = true
  ) -> [[TagPrediction]] {
    let nonEmpty = inputs.indices.filter { !inputs[$0].words.isEmpty }
    var results = inputs.map { _ in [TagPrediction]() }
    let keep = max(1, min(topK, tagSet.count))
    let batchInputs = nonEmpty.map { inputs[$0] }
    let (allScores, allLayerTags, contexts) = scoresLayerTagsAndContexts(batchInputs)
    let paths = allScores.map { path($0, decoding: decoding) }
    let lemmas = lemmaDictionary.map { _ in
      self.lemmas(
        batchInputs, paths: paths, layerTags: allLayerTags, contexts: contexts,
        beamWidth: decoding.lemmaBeam)
    }
    for (position, index) in nonEmpty.enumerated() {
      let scores = allScores[position]
      let path = paths[position]
      var layerTags = allLayerTags[position]
      if let lemmas {
        for step in path.indices { layerTags[step].append(lemmas[position][step].lemma) }
      }
      if computesProbabilities {
        results[index] = predictions(
          scores: scores, path: path, layerTags: layerTags, decoding: decoding, keeping: keep)
      } else {
        results[index] = zip(path, layerTags).map {
          TagPrediction(tag: tagSet.tags[$0], probability: 0, alternatives: [], layerTags: $1)
        }
      }
      if let lemmas {
        for step in path.indices {
          results[index][step].lemmaSource = lemmas[position][step].source
        }
      }
    }
    return results
  }

  /// One sentence's tags along `path`, each with its probability and its `keeping` most
  /// probable alternatives under `decoding` (temperature and constraints), and the other
  /// layers' tags (`layerTags`, one array per word).
  func predictions(
    scores: [Double], path: [Int], layerTags: [[String]], decoding: Decoding, keeping keep: Int
  ) -> [TagPrediction] {
    let probabilities = tagProbabilities(
      scores, temperature: decoding.temperature, constraints: decoding.constraints)
    return path.enumerated().map { step, tag in
      let row = Array(probabilities[step * tagSet.count..<(step + 1) * tagSet.count])
      let alternatives = SequenceDecoding.topIndices(row, keeping: keep).map {
        (tag: tagSet.tags[$0], probability: Float(row[$0]))
      }
      return TagPrediction(
        tag: tagSet.tags[tag], probability: Float(row[tag]), alternatives: alternatives,
        layerTags: layerTags[step])
    }
  }

  /// Tags many sentences in length-sorted batches, keeping their order (see
  /// `predictInBatches(_:topK:sentencesPerBatch:)`).
  public func predictInBatches(
    _ inputs: [TaggerInput], decoding: Decoding, topK: Int = 1, computesProbabilities: Bool = true,
    sentencesPerBatch: Int = 32
  ) -> [[TagPrediction]] {
    let order = inputs.indices.sorted { inputs[$0].words.count < inputs[$1].words.count }
    var results = [[TagPrediction]](repeating: [], count: inputs.count)
    var start = 0
    while start < order.count {
      let indices = Array(order[start..<min(start + sentencesPerBatch, order.count)])
      let predictions = predict(
        indices.map { inputs[$0] }, decoding: decoding, topK: topK,
        computesProbabilities: computesProbabilities)
      for (index, prediction) in zip(indices, predictions) { results[index] = prediction }
      start += sentencesPerBatch
    }
    return results
  }

  /// Every output layer's decoded values of each input (`[sentence][layer][word]`, the first
  /// layer first, lemmas last), in length-sorted batches, without probabilities.
  public func tagLayersInBatches(
    _ inputs: [TaggerInput], decoding: Decoding? = nil, sentencesPerBatch: Int = 32
  ) -> [[[String]]] {
    tagLayersAndLemmaSourcesInBatches(
      inputs, decoding: decoding, sentencesPerBatch: sentencesPerBatch
    ).layers
  }

  /// `tagLayersInBatches`, with the rule that answered each word's lemma
  /// (`[sentence][word]`; empty lists without a lemma layer).
  public func tagLayersAndLemmaSourcesInBatches(
    _ inputs: [TaggerInput], decoding: Decoding? = nil, sentencesPerBatch: Int = 32
  ) -> (layers: [[[String]]], lemmaSources: [[LemmaDictionary.Source]]) {
    let layerCount = heads.outputLayers.count
    let predictions = predictInBatches(
      inputs, decoding: decoding ?? defaultDecoding, computesProbabilities: false,
      sentencesPerBatch: sentencesPerBatch)
    return (
      predictions.map { words in
        (0..<layerCount).map { layer in words.map { $0.allLayerTags[layer] } }
      },
      predictions.map { $0.compactMap(\.lemmaSource) }
    )
  }

  /// The decoded tags of each input, in length-sorted batches, without probabilities.
  public func tagInBatches(
    _ inputs: [TaggerInput], decoding: Decoding? = nil, sentencesPerBatch: Int = 32
  ) -> [[String]] {
    predictInBatches(
      inputs, decoding: decoding ?? defaultDecoding, computesProbabilities: false,
      sentencesPerBatch: sentencesPerBatch
    ).map { $0.map(\.tag) }
  }
}
