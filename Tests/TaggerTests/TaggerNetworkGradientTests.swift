import Testing

@testable import Tagger

/// Finite differences through the whole tagger: word embeddings + character encoder + stack +
/// classifier + softmax cross-entropy, on a padded batch with repeated and unknown words.
@Suite struct TaggerNetworkGradientTests {
  static let sentences = [["the", "dog", "barks"], ["a", "dog"], ["the", "zzz", "cat", "!"]]
  static let tags = [[0, 1, 2], [0, 1], [0, 1, 1, 3]]

  static func network(
    cell: String, characters: Bool, layers: Int, tagCount: Int = 4, labelCount: Int = 0,
    pooling: SentencePooling = .last, affixes: Bool = false
  ) -> TaggerNetwork {
    var configuration = TaggerConfiguration()
    configuration.cell = cell
    configuration.layerCount = layers
    configuration.hiddenSize = 3
    configuration.wordEmbeddingSize = 4
    configuration.characterEmbeddingSize = 3
    configuration.characterHiddenSize = characters ? 2 : 0
    configuration.dropout = 0
    if affixes {
      // Few rows, so the sampled elements are rows that words read (and share).
      configuration.affixEmbeddingSize = 3
      configuration.shapeEmbeddingSize = 2
      configuration.affixBuckets = 7
    }
    var rng = SplitMix64(seed: 11)
    return TaggerNetwork(
      configuration: configuration, wordCount: 6, characterCount: 12, tagCount: tagCount,
      labelCount: labelCount, pooling: pooling, using: &rng)
  }

  static func input() -> NetworkBatch {
    let words = ["the": 2, "dog": 3, "a": 4, "cat": 5]
    return NetworkBatch(
      forms: sentences, wordIDs: sentences.map { $0.map { words[$0] ?? Vocabulary.unknownID } },
      characterIDs: { word in word.unicodeScalars.map { 4 + Int($0.value % 8) } },
      tagIDs: tags)
  }

  static func loss(_ network: TaggerNetwork, _ input: NetworkBatch) -> Double {
    var rng = SplitMix64(seed: 0)
    guard let logits = network.forward(input, isTraining: false, using: &rng).logits else {
      preconditionFailure("the test network has a tag head")
    }
    return SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: input.targets).loss
  }

  /// The analytic gradients of the summed tag loss of `network` on `input()`.
  static func analyticGradients(_ network: TaggerNetwork) throws -> TaggerNetwork {
    let input = Self.input()
    var rng = SplitMix64(seed: 0)
    let (tagLogits, _, cache) = network.forward(input, isTraining: false, using: &rng)
    let logits = try #require(tagLogits)
    let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: input.targets)
    var gradients = network.zeroedCopy()
    // dLogits is the gradient of the mean loss; the checked loss is the sum.
    var dLogits = result.dLogits
    dLogits.scale(by: Float(result.count))
    network.backward(dLogits, cache: cache, into: &gradients)
    return gradients
  }

  /// The hashed affix and shape embeddings, with and without the character encoder beside them.
  @Test(arguments: [true, false])
  func affixGradientsMatchFiniteDifferences(characters: Bool) throws {
    let network = Self.network(cell: "lstm", characters: characters, layers: 1, affixes: true)
    let gradients = try Self.analyticGradients(network)
    let affixGradient = try #require(gradients.affixEncoder).affixes.table.storage
    #expect(affixGradient.contains { $0 != 0 }, "no gradient reached the affix rows")
    let input = Self.input()
    expectGradientsMatch(network, gradients: gradients, maxElementsPerParameter: 21) {
      Self.loss($0, input)
    }
  }

  @Test(arguments: [("lstm", true, 2), ("gru", true, 1), ("rnn", false, 2), ("lstm", false, 1)])
  func analyticGradientsMatchFiniteDifferences(cell: String, characters: Bool, layers: Int) throws {
    let network = Self.network(cell: cell, characters: characters, layers: layers)
    let gradients = try Self.analyticGradients(network)
    let input = Self.input()
    expectGradientsMatch(network, gradients: gradients, maxElementsPerParameter: 12) {
      Self.loss($0, input)
    }
  }

  @Test func paddingRowsOfTheWordTableGetNoGradient() throws {
    let network = Self.network(cell: "lstm", characters: true, layers: 1)
    let input = Self.input()
    var rng = SplitMix64(seed: 0)
    let (tagLogits, _, cache) = network.forward(input, isTraining: true, using: &rng)
    let logits = try #require(tagLogits)
    let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: input.targets)
    var gradients = network.zeroedCopy()
    network.backward(result.dLogits, cache: cache, into: &gradients)
    #expect(gradients.wordEmbedding.table.row(0).allSatisfy { $0 == 0 })
    #expect(gradients.wordEmbedding.table.row(Vocabulary.unknownID).contains { $0 != 0 })
  }
}
