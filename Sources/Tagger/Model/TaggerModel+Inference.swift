extension TaggerNetwork {
  /// Packs the word-level stack's and the character encoder's recurrent weights for inference
  /// (`RecurrentLayer.packForInference`).
  public mutating func packForInference() {
    stack.packForInference()
    characters?.forwardLayer.packForInference()
    characters?.backwardLayer.packForInference()
  }
}

extension TaggerModel {
  /// Packs every recurrent layer's weights once for tagging many sentences (the network's and
  /// the lemma decoder's): what `tagcli tag`, `eval` and `serve` do after loading a model.
  ///
  /// Predictions then agree with the unpacked model's within rounding (the products sum in
  /// another order than OpenBLAS's), not bit for bit; any change to the weights undoes it.
  public mutating func packForInference() {
    network.packForInference()
    lemmaDecoder?.network.encoderForward.packForInference()
    lemmaDecoder?.network.encoderBackward.packForInference()
    lemmaDecoder?.network.decoder.packForInference()
    for index in ensembleMembers.indices { ensembleMembers[index].packForInference() }
  }
}

extension CharacterLanguageModel {
  /// Packs the decoder's recurrent weights once for generating and scoring many lines
  /// (`RecurrentLayer.packForInference`).
  public mutating func packForInference() {
    decoder.packForInference()
  }
}
