import Testing

@testable import Tagger

/// `updateParameters` must visit exactly the matrices of `parameterPaths`, in the same order, for
/// every container that implements it by hand: the optimisers, clipping and averaging pair the
/// visited matrix with the gradient at the same position of `parameterPaths`.
@Suite struct UpdateParametersOrderTests {
  /// Writes each visited matrix's position into all its elements, then reads every path back.
  static func checkOrder<Container: ParameterContainer>(_ container: Container) {
    var marked = container
    var visited = 0
    marked.updateParameters { matrix in
      matrix = Matrix(rows: matrix.rows, columns: matrix.columns, repeating: Float(visited))
      visited += 1
    }
    let paths = container.parameterPaths
    #expect(visited == paths.count)
    for (position, entry) in paths.enumerated() {
      let matrix = marked[keyPath: entry.path]
      #expect(matrix.shape == container[keyPath: entry.path].shape, "\(entry.name)")
      #expect(matrix.storage.allSatisfy { $0 == Float(position) }, "\(entry.name) at \(position)")
    }
  }

  /// Two layers of 3, words of 4, characters of 3 → 2: the small network of these tests.
  static func smallConfiguration() -> TaggerConfiguration {
    var configuration = TaggerConfiguration()
    configuration.layerCount = 2
    configuration.hiddenSize = 3
    configuration.wordEmbeddingSize = 4
    configuration.characterEmbeddingSize = 3
    configuration.characterHiddenSize = 2
    return configuration
  }

  @Test func taggerNetworkWithEveryOptionalPart() {
    var configuration = Self.smallConfiguration()
    configuration.affixEmbeddingSize = 3
    configuration.shapeEmbeddingSize = 2
    configuration.affixBuckets = 7
    configuration.decoder = .crf
    configuration.features = [
      InputFeature(layer: .name("pos"), embeddingSize: 2),
      InputFeature(layer: .name("ner"), embeddingSize: 3),
    ]
    var rng = SplitMix64(seed: 3)
    let network = TaggerNetwork(
      configuration: configuration, wordCount: 6, characterCount: 9, tagCount: 4, labelCount: 3,
      featureValueCounts: [5, 4], using: &rng)
    let names = network.parameterPaths.map(\.name)
    for part in ["characters.", "affixes.", "stack.layers.1.", "classifier.", "label.", "features.1.", "crf."] {
      #expect(names.contains { $0.hasPrefix(part) }, "\(part) missing from \(names)")
    }
    Self.checkOrder(network)
  }

  @Test func taggerNetworkWithoutOptionalParts() {
    var configuration = Self.smallConfiguration()
    configuration.layerCount = 1
    configuration.characterHiddenSize = 0
    var rng = SplitMix64(seed: 4)
    let network = TaggerNetwork(
      configuration: configuration, wordCount: 6, characterCount: 9, tagCount: 0, labelCount: 2,
      using: &rng)
    Self.checkOrder(network)
  }

  @Test func lemmaEncoderDecoderAndRecurrentLayers() {
    Self.checkOrder(LemmaEncoderDecoderTests.model())
    var rng = SplitMix64(seed: 5)
    let layer = RecurrentLayer(kind: .gru, inputSize: 3, hiddenSize: 2, using: &rng)
    Self.checkOrder(layer)
    Self.checkOrder(BidirectionalLayer(forward: layer, backward: layer))
  }

  /// A recurrent layer's weights are observed properties (a change drops the inference packing),
  /// so a write through their key paths would copy the whole matrix: `updateParameters` must
  /// write in place, as every optimiser step, zeroing and averaging does.
  @Test func recurrentWeightsAreUpdatedInPlace() {
    var rng = SplitMix64(seed: 6)
    var layer = RecurrentLayer(kind: .lstm, inputSize: 30, hiddenSize: 20, using: &rng)
    func addresses(_ layer: RecurrentLayer) -> [UnsafeRawPointer?] {
      layer.parameterPaths.map { entry in
        layer[keyPath: entry.path].storage.withUnsafeBufferPointer {
          $0.baseAddress.map(UnsafeRawPointer.init)
        }
      }
    }
    let before = addresses(layer)
    layer.updateParameters { $0.storage[0] += 1 }
    #expect(addresses(layer) == before)
    var pair = BidirectionalLayer(
      forward: layer, backward: RecurrentLayer(kind: .lstm, inputSize: 30, hiddenSize: 20, using: &rng))
    layer = RecurrentLayer(kind: .rnn, inputSize: 1, hiddenSize: 1, using: &rng)  // pair's alone
    let pairBefore = addresses(pair.forward) + addresses(pair.backward)
    pair.updateParameters { $0.storage[0] += 1 }
    #expect(addresses(pair.forward) + addresses(pair.backward) == pairBefore)
  }

  @Test(arguments: DecoderInput.allCases) func recurrentDecoder(_ input: DecoderInput) {
    Self.checkOrder(RecurrentDecoderTests.decoder(.lstm, input))
  }

  /// The optimiser step through the in-place visitor gives what a step through the key paths
  /// gives (the reference: each parameter updated alone, as `AdamTests`' one-matrix container).
  @Test func adamStepMatchesPerParameterSteps() {
    var rng = SplitMix64(seed: 5)
    let network = TaggerNetwork(
      configuration: Self.smallConfiguration(), wordCount: 6, characterCount: 9, tagCount: 4, using: &rng)
    var gradients = network.zeroedCopy()
    var noise = SplitMix64(seed: 6)
    gradients.updateParameters { matrix in
      for index in matrix.storage.indices { matrix.storage[index] = noise.nextFloat(in: -1, 1) }
    }
    var whole = network
    var adam = Adam(learningRate: 0.01)
    adam.update(&whole, gradients: gradients)
    adam.update(&whole, gradients: gradients)
    for entry in network.parameterPaths {
      var single = SingleParameter(w: network[keyPath: entry.path])
      let gradient = SingleParameter(w: gradients[keyPath: entry.path])
      var alone = Adam(learningRate: 0.01)
      alone.update(&single, gradients: gradient)
      alone.update(&single, gradients: gradient)
      #expect(single.w == whole[keyPath: entry.path], "\(entry.name)")
    }
  }
}
