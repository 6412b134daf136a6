extension BidirectionalStack {
  /// Back-propagates through a forward run, adds every parameter gradient into `gradients`, and
  /// returns the input gradient `[T·B, D]` (zero at padded rows).
  ///
  /// - Parameters:
  ///   - dOutput: The gradient on the output, `[T·B, 2H]`; padded rows are ignored.
  ///   - dFinalHidden: Optional gradients on the final hidden states, `[B, H]` each, in the order
  ///     forward returned them.
  ///   - dFinalCell: Optional gradients on an LSTM's final cell states (`cache.finalCell` order).
  ///   - cache: The cache of the forward run.
  ///   - gradients: Accumulates the parameter gradients (a `zeroedCopy()` of the stack).
  public func backward(
    _ dOutput: Matrix, dFinalHidden: [Matrix]? = nil, dFinalCell: [Matrix]? = nil,
    cache: StackCache, into gradients: inout BidirectionalStack
  ) -> Matrix {
    let stateCount = 2 * layers.count
    precondition(
      dOutput.shape == [cache.batch.rowCount, 2 * hiddenSize],
      "BidirectionalStack.backward: dOutput is \(dOutput.shape), expected"
        + " [\(cache.batch.rowCount), \(2 * hiddenSize)]")
    precondition(
      (dFinalHidden?.count ?? stateCount) == stateCount
        && (dFinalCell?.count ?? stateCount) == stateCount
        && gradients.layers.count == layers.count,
      "BidirectionalStack.backward: \(dFinalHidden?.count ?? stateCount) final-hidden and"
        + " \(dFinalCell?.count ?? stateCount) final-cell gradients, \(gradients.layers.count)"
        + " gradient layers; expected \(stateCount), \(stateCount), \(layers.count)")
    var dLayerOutput = dOutput
    if isResidual { dLayerOutput.zeroPaddedRows(of: cache.batch) }
    for index in layers.indices.reversed() {
      let finalStates = 2 * index..<2 * index + 2
      var dInput = backwardLayer(
        index, dLayerOutput, dFinalHidden: dFinalHidden.map { Array($0[finalStates]) },
        dFinalCell: dFinalCell.map { Array($0[finalStates]) }, cache: cache.layers[index],
        into: &gradients)
      if isResidual {
        dInput += backwardSkip(index, dLayerOutput, cache: cache, into: &gradients)
      }
      dLayerOutput = dInput
    }
    return dLayerOutput
  }

  /// The skip connection's share of layer `index`'s input gradient (`dOutput` has zero padded
  /// rows): `dOutput` itself, or through the projection for layer 0, whose gradient it adds.
  private func backwardSkip(
    _ index: Int, _ dOutput: Matrix, cache: StackCache, into gradients: inout BidirectionalStack
  ) -> Matrix {
    guard index == 0, let inputProjection else { return dOutput }
    guard let input = cache.projectionInput else {
      preconditionFailure("BidirectionalStack.backward: the cache has no projection input")
    }
    return inputProjection.backward(dOutput, input: input, into: &gradients.projection)
  }

  /// Back-propagates through layer `index` (both directions, concurrently when asked) and its
  /// input dropout; returns the gradient on the layer's input.
  private func backwardLayer(
    _ index: Int, _ dOutput: Matrix, dFinalHidden: [Matrix]?, dFinalCell: [Matrix]?,
    cache: StackCache.Layer, into gradients: inout BidirectionalStack
  ) -> Matrix {
    let layer = layers[index]
    let size = hiddenSize
    let dForward = dOutput.columns(0..<size)
    let dBackward = dOutput.columns(size..<2 * size)
    let slots = DirectionGradients(layer)
    slots.swapContents(with: &gradients.layers[index])
    let inputGradients = DirectionPair.run(concurrently: runsDirectionsConcurrently) {
      isReversed in
      let state = isReversed ? 1 : 0
      if isReversed {
        return layer.backward.backward(
          dBackward, dFinalHidden: dFinalHidden?[state], dFinalCell: dFinalCell?[state],
          cache: cache.backward, into: &slots.backward)
      }
      return layer.forward.backward(
        dForward, dFinalHidden: dFinalHidden?[state], dFinalCell: dFinalCell?[state],
        cache: cache.forward, into: &slots.forward)
    }
    slots.swapContents(with: &gradients.layers[index])
    var dInput = inputGradients.forward
    dInput += inputGradients.backward
    if let mask = cache.inputMask { dInput.multiplyElementwise(by: mask) }
    return dInput
  }
}
