extension ModelHeads {
  /// `self` with the features of every split FEATS layer learned from `sentences`' tags (a
  /// layer asks for the split with an empty `featureKeys`).
  func learningFeatureKeys(from sentences: [TaggedSentence]) -> ModelHeads {
    guard var layers = additionalTags else { return self }
    for (index, layer) in layers.enumerated() where layer.featureKeys != nil {
      layers[index].featureKeys =
        FeatureSplit(bundles: sentences.lazy.flatMap { $0.layerTags[index] }).keys
    }
    var heads = self
    heads.additionalTags = layers
    return heads
  }

  /// A sentence's additional layers' tags (`[layer][word]`) as the network's outputs
  /// (`[output][word]`): a split FEATS layer gives one output per feature.
  func outputTags(_ layerTags: [[String]]) -> [[String]] {
    let layers = additionalTags ?? []
    precondition(layerTags.count == layers.count, "outputTags: \(layerTags.count) layers")
    var outputs: [[String]] = []
    for (layer, tags) in zip(layers, layerTags) {
      guard let keys = layer.featureKeys else {
        outputs.append(tags)
        continue
      }
      let split = FeatureSplit(keys: keys)
      let values = tags.map(split.values(of:))
      for key in keys.indices { outputs.append(values.map { $0[key] }) }
    }
    return outputs
  }

  /// One word's output tags (one per output) joined back into its additional layers' tags.
  func layerTags(fromOutputs outputs: [String]) -> [String] {
    var result: [String] = []
    var next = 0
    for layer in additionalTags ?? [] {
      let count = layer.outputCount
      let values = outputs[next..<next + count]
      next += count
      result.append(
        layer.featureKeys.map { FeatureSplit.bundle(keys: $0, values: values) }
          ?? values[values.startIndex])
    }
    return result
  }
}
