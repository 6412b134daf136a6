/// A recurrent layer's weights packed once for the products of inference (`PackedWeights`).
struct InferenceWeights: Sendable {
  /// `wx`, for the input projection of all rows.
  var input: PackedWeights
  /// `wh`, for each step's recurrent product.
  var recurrent: PackedWeights
}

extension RecurrentLayer {
  /// Packs `wx` and `wh` once, so that every later `forward` and `step` multiplies by the packed
  /// copies instead of packing per call (OpenBLAS packs its operands on every product, and a
  /// one-row product otherwise goes through `sgemv`). For a model that tags many batches with the
  /// same weights; training does not call it. Does nothing where `PackedWeights` has no kernels
  /// (`TAGCLI_KERNELS=portable` or a CPU without AVX2), and is undone by any change to the weights.
  ///
  /// The products then come from `tk_sgemm_packed_*`, whose sums differ from OpenBLAS's in the
  /// last bits: outputs agree with an unpacked layer's within rounding, not bit for bit.
  public mutating func packForInference() {
    guard PackedWeights.isAvailable, !wx.storage.isEmpty, !wh.storage.isEmpty else { return }
    inferenceWeights = InferenceWeights(
      input: PackedWeights(wx, forManyBatches: true),
      recurrent: PackedWeights(wh, forManyBatches: true))
  }

  /// Whether `packForInference()` has packed the current weights.
  public var isPackedForInference: Bool { inferenceWeights != nil }
}

extension BidirectionalStack {
  /// Packs every direction of every layer for inference (`RecurrentLayer.packForInference`).
  public mutating func packForInference() {
    for index in layers.indices {
      layers[index].forward.packForInference()
      layers[index].backward.packForInference()
    }
  }
}

extension RecurrentDecoder {
  /// Packs every layer for inference (`RecurrentLayer.packForInference`).
  public mutating func packForInference() {
    for index in layers.indices { layers[index].packForInference() }
  }
}
