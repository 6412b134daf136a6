/// The tag chosen for one word, with its probability and the runners-up.
public struct TagPrediction: Sendable, Equatable {
  /// The most probable tag.
  public var tag: String
  /// Its probability.
  public var probability: Float
  /// The K most probable tags with their probabilities, best first (the chosen tag is among them
  /// unless a span constraint or a sequence search chose a less probable one).
  public var alternatives: [(tag: String, probability: Float)]
  /// The word's tag in each additional tag layer of the model (`heads.additionalTags`: XPOS and
  /// FEATS beside UPOS), each its layer's most probable, then its lemma when the model has a
  /// lemma layer (`heads.outputLayers` after the first); empty for a one-layer model.
  public var layerTags: [String] = []
  /// Which rule of the lemma layer answered the word's lemma (the last of `layerTags`); nil
  /// without a lemma layer.
  public var lemmaSource: LemmaDictionary.Source? = nil

  /// A prediction of the first tag layer (and of the others in `layerTags`).
  public init(
    tag: String, probability: Float, alternatives: [(tag: String, probability: Float)],
    layerTags: [String] = []
  ) {
    self.tag = tag
    self.probability = probability
    self.alternatives = alternatives
    self.layerTags = layerTags
  }

  /// Every tag layer's tag, the first layer's first.
  public var allLayerTags: [String] { [tag] + layerTags }

  public static func == (lhs: TagPrediction, rhs: TagPrediction) -> Bool {
    lhs.tag == rhs.tag && lhs.probability == rhs.probability && lhs.layerTags == rhs.layerTags
      && lhs.lemmaSource == rhs.lemmaSource
      && lhs.alternatives.elementsEqual(rhs.alternatives) { $0 == $1 }
  }
}

extension TaggerModel {
  /// Tags sentences of words in one batch with the model's own decoding (`defaultDecoding`).
  ///
  /// - Parameters:
  ///   - sentences: word forms; empty sentences give empty results. The model must not read
  ///     input features (use `predict(_:decoding:topK:computesProbabilities:)` with
  ///     `TaggerInput`s for those).
  ///   - topK: how many alternatives to keep per word (at least 1).
  ///   - temperature: divides the scores before the softmax; nil takes the model's calibrated one.
  /// - Returns: one prediction per word.
  public func predict(_ sentences: [[String]], topK: Int = 1, temperature: Float? = nil)
    -> [[TagPrediction]]
  {
    var decoding = defaultDecoding
    if let temperature { decoding.temperature = temperature }
    return predict(sentences.map { TaggerInput(words: $0) }, decoding: decoding, topK: topK)
  }

  /// The decoded tag of each word (no probabilities): the fast path for evaluation.
  public func tags(_ sentences: [[String]]) -> [[String]] {
    predict(
      sentences.map { TaggerInput(words: $0) }, decoding: defaultDecoding,
      computesProbabilities: false
    ).map { $0.map(\.tag) }
  }

  /// Tags many sentences in length-sorted batches, keeping their order: short and long sentences
  /// are not padded to each other, which saves time and memory.
  ///
  /// - Parameters:
  ///   - sentences: word forms, in any order and of any lengths.
  ///   - topK: how many alternatives to keep per word.
  ///   - sentencesPerBatch: sentences run through the network together.
  public func predictInBatches(_ sentences: [[String]], topK: Int = 1, sentencesPerBatch: Int = 32)
    -> [[TagPrediction]]
  {
    predictInBatches(
      sentences.map { TaggerInput(words: $0) }, decoding: defaultDecoding, topK: topK,
      sentencesPerBatch: sentencesPerBatch)
  }

  /// The decoded tag of each word, in length-sorted batches (see `predictInBatches`).
  public func tagInBatches(_ sentences: [[String]], sentencesPerBatch: Int = 32) -> [[String]] {
    tagInBatches(sentences.map { TaggerInput(words: $0) }, sentencesPerBatch: sentencesPerBatch)
  }

  /// The `keep` most probable tag ids of one row, best first (ties: lower id first).
  static func ranking(_ probabilities: Matrix, row: Int, keeping keep: Int) -> [Int] {
    var ranked: [Int] = []
    for tag in 0..<probabilities.columns {
      let value = probabilities[row, tag]
      var position = ranked.count
      while position > 0 && probabilities[row, ranked[position - 1]] < value { position -= 1 }
      if position < keep { ranked.insert(tag, at: position) }
      if ranked.count > keep { ranked.removeLast() }
    }
    return ranked
  }
}
