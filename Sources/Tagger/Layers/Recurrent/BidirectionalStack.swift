/// A deep bidirectional recurrent network over a padded, time-major `SequenceBatch`.
///
/// T = steps, B = batch size, D = `inputSize`, H = `hiddenSize` per direction. Layer 0 reads the
/// `[T·B, D]` input; layer k > 0 reads layer k-1's `[T·B, 2H]` output (forward states in columns
/// `0..<H`, backward states in `H..<2H`), optionally through inverted dropout. The two directions
/// of a layer run on two threads when `runsDirectionsConcurrently` (results are bit-identical
/// either way).
///
/// With `isResidual`, each layer's input is added to its output (a skip connection): layer k > 0
/// adds its `2H` input as it is (before the inter-layer dropout), and layer 0 adds its `D` input
/// through `inputProjection` (`[2H, D]` plus a bias) when `D ≠ 2H`. Padded rows stay zero.
public struct BidirectionalStack: ParameterContainer, Sendable, Equatable {
  /// The layers, bottom first.
  public var layers: [BidirectionalLayer]
  /// Whether the two directions of a layer run concurrently (one per core, OpenBLAS held to one
  /// thread, which stays set afterwards). Off: both run on the calling thread, one after the other.
  public var runsDirectionsConcurrently = true
  /// Whether each layer's input is added to its output.
  public private(set) var isResidual = false
  /// The projection of layer 0's input onto its output width for the skip connection; nil
  /// without skip connections or when `D = 2H`.
  public var inputProjection: Linear?

  /// `D`, the width of the input rows.
  public var inputSize: Int { layers[0].forward.inputSize }

  /// `H`, the hidden size of each direction; the output is `2H` wide.
  public var hiddenSize: Int { layers[0].forward.hiddenSize }

  /// A stack initialised like PyTorch (see `RecurrentLayer.init(kind:inputSize:hiddenSize:using:)`),
  /// layer by layer, forward direction before backward.
  /// With `residual`, the skip connections' projection (when `D ≠ 2H`) is drawn after the layers,
  /// so a stack without them draws exactly the same weights.
  public init(
    kind: CellKind, inputSize: Int, hiddenSize: Int, layerCount: Int, residual: Bool = false,
    using rng: inout SplitMix64
  ) {
    precondition(layerCount >= 1, "BidirectionalStack: layer count \(layerCount) must be >= 1")
    var layers: [BidirectionalLayer] = []
    for index in 0..<layerCount {
      let width = index == 0 ? inputSize : 2 * hiddenSize
      let forward = RecurrentLayer(
        kind: kind, inputSize: width, hiddenSize: hiddenSize, using: &rng)
      let backward = RecurrentLayer(
        kind: kind, inputSize: width, hiddenSize: hiddenSize, using: &rng)
      layers.append(BidirectionalLayer(forward: forward, backward: backward))
    }
    self.layers = layers
    isResidual = residual
    if residual && inputSize != 2 * hiddenSize {
      inputProjection = Linear(inputSize: inputSize, outputSize: 2 * hiddenSize, using: &rng)
    }
  }

  /// A stack of existing layers; layer k > 0 must take `2H` inputs. With `residual`, a
  /// projection is needed exactly when layer 0's input is not `2H` wide.
  public init(layers: [BidirectionalLayer], residual: Bool = false, inputProjection: Linear? = nil) {
    precondition(!layers.isEmpty, "BidirectionalStack: no layers")
    let hiddenSize = layers[0].forward.hiddenSize
    for (index, layer) in layers.enumerated().dropFirst() {
      precondition(
        layer.forward.inputSize == 2 * hiddenSize && layer.forward.hiddenSize == hiddenSize,
        "BidirectionalStack: layer \(index) wx \(layer.forward.wx.shape) wh \(layer.forward.wh.shape),"
          + " expected input \(2 * hiddenSize) and hidden \(hiddenSize)")
    }
    let inputSize = layers[0].forward.inputSize
    precondition(
      inputProjection.map {
        residual && $0.inputSize == inputSize && $0.outputSize == 2 * hiddenSize
      } ?? (!residual || inputSize == 2 * hiddenSize),
      "BidirectionalStack: residual \(residual), input \(inputSize), hidden \(hiddenSize),"
        + " projection \(inputProjection.map { "[\($0.outputSize)×\($0.inputSize)]" } ?? "none")")
    self.layers = layers
    isResidual = residual
    self.inputProjection = inputProjection
  }

  /// `"layers.0.forward.wx"`, …, `"layers.{L-1}.backward.bh"`, then `"projection.weight"` and
  /// `"projection.bias"` when the skip connections have a projection.
  public var parameterPaths: [(name: String, path: WritableKeyPath<BidirectionalStack, Matrix>)] {
    let layerPaths = layers.indices.flatMap { prefixedPaths("layers.\($0)", \.layers[$0]) }
    guard inputProjection != nil else { return layerPaths }
    return layerPaths + prefixedPaths("projection", \.projection)
  }

  /// The projection, for key paths; only valid when `inputProjection` is not nil.
  var projection: Linear {
    get {
      guard let inputProjection else { preconditionFailure("the stack has no input projection") }
      return inputProjection
    }
    set { inputProjection = newValue }
  }

  /// In place, layer after layer (an array element's key path would copy).
  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    for index in layers.indices { layers[index].updateParameters(body) }
    if inputProjection != nil { inputProjection!.updateParameters(body) }
  }

  /// Runs the stack.
  ///
  /// - Parameters:
  ///   - x: The inputs, `[T·B, D]`; padded rows are ignored.
  ///   - batch: The lengths of the sequences.
  ///   - interLayerDropout: The probability of dropping each input of layers k > 0 (inverted
  ///     dropout: kept values are scaled by `1/(1-p)`); 0 for inference, which draws nothing.
  ///   - rng: The source of the dropout masks.
  /// - Returns: The top layer's output `[T·B, 2H]` (zero at padded steps); the final hidden states
  ///   `[B, H]`, one per layer and direction, layer-major, forward before backward (PyTorch's
  ///   `h_n` order); the cache for `backward` (whose `finalCell` holds an LSTM's `c_n`).
  public func forward(
    _ x: Matrix, batch: SequenceBatch, interLayerDropout: Float = 0, using rng: inout SplitMix64
  ) -> (output: Matrix, finalHidden: [Matrix], cache: StackCache) {
    precondition(
      interLayerDropout >= 0 && interLayerDropout < 1,
      "BidirectionalStack.forward: dropout \(interLayerDropout) outside [0, 1)")
    var input = x
    var finalHidden: [Matrix] = []
    var caches: [StackCache.Layer] = []
    for (index, layer) in layers.enumerated() {
      let skipInput = isResidual ? input : nil  // only then: a second reference makes dropout copy
      var mask: Matrix?
      if index > 0 && interLayerDropout > 0 {
        let dropoutMask = Dropout.mask(
          rows: input.rows, columns: input.columns, rate: interLayerDropout, using: &rng)
        input.multiplyElementwise(by: dropoutMask)
        mask = dropoutMask
      }
      let runs = DirectionPair.run(concurrently: runsDirectionsConcurrently) { isReversed in
        (isReversed ? layer.backward : layer.forward).forward(
          input, batch: batch, reversed: isReversed)
      }
      input = Matrix.concatenatingColumns(runs.forward.hidden, runs.backward.hidden)
      if let skipInput { input += skipped(skipInput, layer: index, batch: batch) }
      finalHidden += [runs.forward.cache.finalHidden, runs.backward.cache.finalHidden]
      caches.append(
        StackCache.Layer(
          inputMask: mask, forward: runs.forward.cache, backward: runs.backward.cache))
    }
    let projectionInput = inputProjection == nil ? nil : x
    return (
      input, finalHidden,
      StackCache(batch: batch, layers: caches, projectionInput: projectionInput)
    )
  }

  /// What the skip connection adds to layer `index`'s output: its input, projected for layer 0
  /// when the widths differ, with padded rows zeroed.
  private func skipped(_ layerInput: Matrix, layer index: Int, batch: SequenceBatch) -> Matrix {
    guard index == 0 else { return layerInput }  // a layer's output: zero at padded rows
    var skipped = inputProjection?.forward(layerInput) ?? layerInput
    skipped.zeroPaddedRows(of: batch)
    return skipped
  }
}
