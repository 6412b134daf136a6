/// The input features and the CRF of `TaggerNetwork`: the parts a model has only when its
/// configuration asks for them.
extension TaggerNetwork {
  /// The feature embeddings', the CRF's and the additional tag layers' named parameters
  /// (`features.0.table`, `crf.transitions`, `layers.1.classifier.weight`).
  var headPaths: [(name: String, path: WritableKeyPath<TaggerNetwork, Matrix>)] {
    var paths: [(name: String, path: WritableKeyPath<TaggerNetwork, Matrix>)] = []
    for index in featureEmbeddings.indices {
      paths += prefixedPaths("features.\(index)", \.featureEmbeddings[index])
    }
    if crf != nil { paths += prefixedPaths("crf", \.crfLayer) }
    for index in layerClassifiers.indices {
      paths += prefixedPaths("layers.\(index + 1).classifier", \.layerClassifiers[index])
    }
    return paths
  }

  /// The CRF, for key paths; only valid when `crf` is not nil.
  var crfLayer: CRF {
    get {
      guard let crf else { preconditionFailure("the network has no CRF") }
      return crf
    }
    set { crf = newValue }
  }

  /// `x` with each feature's value embeddings appended as further columns.
  func appendingFeatures(to x: Matrix, _ input: NetworkBatch) -> Matrix {
    precondition(
      input.featureIDs.count == featureEmbeddings.count,
      "TaggerNetwork: \(input.featureIDs.count) input features, \(featureEmbeddings.count) expected"
    )
    var result = x
    for (embedding, ids) in zip(featureEmbeddings, input.featureIDs) {
      result = Matrix.concatenatingColumns(result, embedding.forward(ids))
    }
    return result
  }

  /// Back-propagates the last columns of `dx` into the feature embeddings and returns the
  /// columns before them (the word and character part).
  func backwardFeatures(_ dx: Matrix, _ input: NetworkBatch, into gradients: inout TaggerNetwork)
    -> Matrix
  {
    guard !featureEmbeddings.isEmpty else { return dx }
    var end = dx.columns
    for index in featureEmbeddings.indices.reversed() {
      let start = end - featureEmbeddings[index].dimension
      featureEmbeddings[index].backward(
        dx.columns(start..<end), ids: input.featureIDs[index],
        into: &gradients.featureEmbeddings[index])
      end = start
    }
    return dx.columns(0..<end)
  }

  /// The training loss of `logits` against the batch's gold tags: softmax cross-entropy per
  /// word (against targets smoothed by `smoothing`), or the CRF's sentence negative
  /// log-likelihood (whose parameter gradients go into `gradients.crf`; `smoothing` does not
  /// apply to it).
  ///
  /// - Returns: the summed loss, the number of tokens and the gradient of the mean loss per token.
  func lossAndGradient(
    logits: Matrix, input: NetworkBatch, smoothing: Float = 0, into gradients: inout TaggerNetwork
  ) -> (loss: Double, count: Int, dLogits: Matrix) {
    guard let crf else {
      return SoftmaxCrossEntropy.lossAndGradient(
        logits: logits, targets: input.targets, smoothing: smoothing)
    }
    let result = crf.lossAndGradient(
      emissions: logits, batch: input.batch, targets: input.targets, into: &gradients.crfLayer)
    return (result.loss, result.count, result.dEmissions)
  }
}
