/// What `RecurrentDecoder.backward` needs from a teacher-forced forward run.
public struct DecoderCache: Sendable {
  let batch: DecoderBatch
  /// The input of each layer, bottom first (empty for one-hot input), and the input of the
  /// output layer last.
  let layerInputs: [Matrix]
  let layerCaches: [RecurrentCache]
  let dropoutMasks: [Matrix?]
  /// Each layer's mask of its recurrent weights (nil without weight drop).
  var recurrentMasks: [Matrix?] = []
}

extension RecurrentDecoder {
  /// Runs the decoder over a teacher-forced batch.
  ///
  /// - Parameters:
  ///   - batch: The inputs and layout.
  ///   - initialState: One state per layer (`[B, H]`); nil starts every layer from zeros.
  ///   - isTraining: Applies dropout.
  ///   - rng: Draws the dropout masks.
  /// - Returns: The logits of every row, `[T·B, V]` (rows without a target hold values that no
  ///   loss reads), and the cache for `backward`.
  public func forward(
    _ batch: DecoderBatch, initialState: [RecurrentState]? = nil, isTraining: Bool,
    using rng: inout SplitMix64
  ) -> (logits: Matrix, cache: DecoderCache) {
    let (hidden, cache) = forwardStates(
      batch, initialState: initialState, isTraining: isTraining, using: &rng)
    return (output.forward(hidden), cache)
  }

  /// `forward` without the output layer: the top layer's hidden states after dropout,
  /// `[T·B, H]`, for a head that reads them itself (an attentional sequence-to-sequence decoder
  /// combines them with its encoder's states before `output`).
  public func forwardStates(
    _ batch: DecoderBatch, initialState: [RecurrentState]? = nil, isTraining: Bool,
    using rng: inout SplitMix64
  ) -> (hidden: Matrix, cache: DecoderCache) {
    let states = initialState ?? zeroState(batchSize: batch.batchSize)
    precondition(
      states.count == layers.count, "RecurrentDecoder.forward: \(states.count) initial states")
    // One-hot input is a gather of the first layer's weights, not a product with a one-hot matrix.
    var x = embedding == nil ? Matrix(rows: 0, columns: 0) : embed(batch.inputIDs)
    var layerInputs: [Matrix] = []
    var caches: [RecurrentCache] = []
    var masks: [Matrix?] = []
    var recurrentMasks: [Matrix?] = []
    let layerDropout = Dropout(rate: dropout)
    for (index, (layer, state)) in zip(layers, states).enumerated() {
      layerInputs.append(x)
      var running = layer
      let recurrentMask =
        isTraining && weightDrop > 0 ? dropRecurrentWeights(of: &running, using: &rng) : nil
      recurrentMasks.append(recurrentMask)
      let (hidden, cache) =
        index == 0 && embedding == nil
        ? running.forward(oneHot: batch.inputIDs, batch: batch.layout, initialState: state)
        : running.forward(x, batch: batch.layout, reversed: false, initialState: state)
      caches.append(cache)
      let (dropped, mask) = layerDropout.forward(hidden, isTraining: isTraining, using: &rng)
      masks.append(mask)
      x = dropped
    }
    layerInputs.append(x)
    return (
      x,
      DecoderCache(
        batch: batch, layerInputs: layerInputs, layerCaches: caches, dropoutMasks: masks,
        recurrentMasks: recurrentMasks)
    )
  }

  /// Draws a weight-drop mask for `layer`'s recurrent weights and applies it to them; returns it.
  private func dropRecurrentWeights(of layer: inout RecurrentLayer, using rng: inout SplitMix64)
    -> Matrix
  {
    let mask = Dropout.mask(
      rows: layer.wh.rows, columns: layer.wh.columns, rate: weightDrop, using: &rng)
    layer.wh.multiplyElementwise(by: mask)
    return mask
  }

  /// Back-propagates `dLogits` (`[T·B, V]`) through a forward run, adds every parameter's
  /// gradient into `gradients`, and returns the gradient of the initial state of each layer.
  @discardableResult
  public func backward(
    _ dLogits: Matrix, cache: DecoderCache, into gradients: inout RecurrentDecoder
  ) -> [RecurrentState] {
    let dHidden = output.backward(
      dLogits, input: cache.layerInputs[layers.count], into: &gradients.output)
    return backwardStates(dHidden, cache: cache, into: &gradients)
  }

  /// Back-propagates the gradient of `forwardStates`' hidden states (`[T·B, H]`) through the
  /// recurrent layers and the embedding (not `output`), adds their parameters' gradients into
  /// `gradients`, and returns the gradient of the initial state of each layer.
  @discardableResult
  public func backwardStates(
    _ dHidden: Matrix, cache: DecoderCache, into gradients: inout RecurrentDecoder
  ) -> [RecurrentState] {
    var dX = dHidden
    var dStates: [RecurrentState] = []
    let layerDropout = Dropout(rate: dropout)
    for index in layers.indices.reversed() {
      dX = layerDropout.backward(dX, mask: cache.dropoutMasks[index])
      let (dInput, dState) = backwardLayer(
        index, dX, recurrentMask: cache.recurrentMasks.isEmpty ? nil : cache.recurrentMasks[index],
        cache: cache.layerCaches[index], into: &gradients.layers[index])
      dStates.append(dState)
      dX = dInput
    }
    if let embedding, var dEmbedding = gradients.embedding {
      gradients.embedding = nil  // keeps dEmbedding's storage uniquely referenced
      embedding.backward(dX, ids: cache.batch.inputIDs, into: &dEmbedding)
      gradients.embedding = dEmbedding
    }
    return dStates.reversed()
  }

  /// Back-propagates through layer `index`. With a weight-drop mask, through the masked weights
  /// the run used; their gradient, masked, is what `Wh` gets (zero where a weight was dropped).
  private func backwardLayer(
    _ index: Int, _ dHidden: Matrix, recurrentMask mask: Matrix?, cache: RecurrentCache,
    into gradients: inout RecurrentLayer
  ) -> (dInput: Matrix, dInitialState: RecurrentState) {
    guard let mask else {
      return layers[index].backwardFromState(dHidden, cache: cache, into: &gradients)
    }
    var dropped = layers[index]
    dropped.wh.multiplyElementwise(by: mask)
    let accumulated = gradients.wh
    gradients.wh = Matrix(rows: mask.rows, columns: mask.columns)
    let result = dropped.backwardFromState(dHidden, cache: cache, into: &gradients)
    var dWh = gradients.wh
    dWh.multiplyElementwise(by: mask)
    dWh += accumulated
    gradients.wh = dWh
    return result
  }

  /// The first layer's input rows for `ids`: embedding rows, or one-hot rows (`<pad>` is zero).
  func embed(_ ids: [Int]) -> Matrix {
    if let embedding { return embedding.forward(ids) }
    var oneHot = Matrix(rows: ids.count, columns: vocabularySize)
    for (row, id) in ids.enumerated() where id != Embedding.paddingID { oneHot[row, id] = 1 }
    return oneHot
  }

  /// The teacher-forced cross-entropy of `batch` (summed over predicted symbols, in nats), with
  /// no dropout.
  public func loss(_ batch: DecoderBatch, initialState: [RecurrentState]? = nil) -> Double {
    var rng = SplitMix64(seed: 0)
    let (logits, _) = forward(batch, initialState: initialState, isTraining: false, using: &rng)
    return SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: batch.targetIDs).loss
  }
}
