/// The tag chosen for one word, with its probability and the runners-up.
public struct TagPrediction: Sendable, Equatable {
  /// The most probable tag.
  public var tag: String
  /// Its probability.
  public var probability: Float
  /// The K most probable tags with their probabilities, best first (the chosen tag included).
  public var alternatives: [(tag: String, probability: Float)]

  public static func == (lhs: TagPrediction, rhs: TagPrediction) -> Bool {
    lhs.tag == rhs.tag && lhs.probability == rhs.probability
      && lhs.alternatives.elementsEqual(rhs.alternatives) { $0 == $1 }
  }
}

extension TaggerModel {
  /// Tags sentences of words in one batch.
  ///
  /// - Parameters:
  ///   - sentences: word forms; empty sentences give empty results.
  ///   - topK: how many alternatives to keep per word (at least 1).
  ///   - temperature: divides the logits before the softmax (calibration; 1 leaves them).
  /// - Returns: one prediction per word.
  public func predict(_ sentences: [[String]], topK: Int = 1, temperature: Float = 1)
    -> [[TagPrediction]]
  {
    let nonEmpty = sentences.indices.filter { !sentences[$0].isEmpty }
    var results = sentences.map { _ in [TagPrediction]() }
    guard !nonEmpty.isEmpty else { return results }
    let probabilities = self.probabilities(nonEmpty.map { sentences[$0] }, temperature: temperature)
    let width = nonEmpty.count
    let keep = max(1, min(topK, tagSet.count))
    for (column, sentenceIndex) in nonEmpty.enumerated() {
      results[sentenceIndex] = (0..<sentences[sentenceIndex].count).map { step in
        let row = step * width + column
        let ranked = Self.ranking(probabilities, row: row, keeping: keep)
        let alternatives = ranked.map {
          (tag: tagSet.tags[$0], probability: probabilities[row, $0])
        }
        return TagPrediction(
          tag: alternatives[0].tag, probability: alternatives[0].probability,
          alternatives: alternatives)
      }
    }
    return results
  }

  /// The most probable tag of each word (no probabilities): the fast path for evaluation.
  public func tags(_ sentences: [[String]]) -> [[String]] {
    predict(sentences).map { $0.map(\.tag) }
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
    Self.inLengthSortedBatches(sentences, sentencesPerBatch: sentencesPerBatch, empty: []) {
      predict($0, topK: topK)
    }
  }

  /// The most probable tag of each word, in length-sorted batches (see `predictInBatches`).
  public func tagInBatches(_ sentences: [[String]], sentencesPerBatch: Int = 32) -> [[String]] {
    predictInBatches(sentences, sentencesPerBatch: sentencesPerBatch).map { $0.map(\.tag) }
  }

  /// Tag probabilities `[T·B, C]` for non-empty sentences, in the batch layout.
  func probabilities(_ sentences: [[String]], temperature: Float) -> Matrix {
    var rng = SplitMix64(seed: 0)  // drawn from only with dropout, which inference turns off
    guard
      let logits = network.forward(networkBatch(sentences), isTraining: false, using: &rng).logits
    else { preconditionFailure("predict: the model has no tag head (\(heads.summary))") }
    return SoftmaxCrossEntropy.probabilities(logits, temperature: temperature)
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
