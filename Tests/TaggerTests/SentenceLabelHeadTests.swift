import Testing

@testable import Tagger

/// The sentence-label head: finite-difference gradients through the whole network (alone and
/// next to the tag head), padded batches equal to one sentence at a time, and the last-state
/// path equal to the stack's final states.
@Suite struct SentenceLabelHeadTests {
  static let sentences = [
    ["the", "dog", "barks"], ["a", "dog"], ["the", "zzz", "cat", "!"], ["a"],
  ]
  static let tags = [[0, 1, 2], [0, 1], [0, 1, 1, 3], [0]]
  static let labels = [1, 0, 2, 1]

  static func network(
    cell: String = "lstm", characters: Bool = true, layers: Int = 2, tagCount: Int = 0,
    pooling: SentencePooling
  ) -> TaggerNetwork {
    TaggerNetworkGradientTests.network(
      cell: cell, characters: characters, layers: layers, tagCount: tagCount, labelCount: 3,
      pooling: pooling)
  }

  static func input(_ sentences: [[String]] = sentences, tags: [[Int]]? = nil) -> NetworkBatch {
    let words = ["the": 2, "dog": 3, "a": 4, "cat": 5]
    return NetworkBatch(
      forms: sentences, wordIDs: sentences.map { $0.map { words[$0] ?? Vocabulary.unknownID } },
      characterIDs: { word in word.unicodeScalars.map { 4 + Int($0.value % 8) } }, tagIDs: tags)
  }

  /// The summed label loss plus, with a tag head, the summed tag loss.
  static func loss(_ network: TaggerNetwork, _ input: NetworkBatch) -> Double {
    var rng = SplitMix64(seed: 0)
    let output = network.forward(input, isTraining: false, using: &rng)
    guard let labelLogits = output.labelLogits else { preconditionFailure("no label head") }
    var loss = SoftmaxCrossEntropy.lossAndGradient(logits: labelLogits, targets: labels).loss
    if let logits = output.logits {
      loss += SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: input.targets).loss
    }
    return loss
  }

  @Test(arguments: [
    ("lstm", true, 2, SentencePooling.last), ("gru", false, 1, .last), ("rnn", false, 2, .max),
    ("lstm", false, 1, .mean),
  ])
  func labelGradientsMatchFiniteDifferences(
    cell: String, characters: Bool, layers: Int, pooling: SentencePooling
  ) throws {
    let network = Self.network(
      cell: cell, characters: characters, layers: layers, pooling: pooling)
    try checkGradients(network, input: Self.input())
  }

  @Test(arguments: SentencePooling.allCases)
  func twoHeadGradientsMatchFiniteDifferences(pooling: SentencePooling) throws {
    let network = Self.network(tagCount: 4, pooling: pooling)
    try checkGradients(network, input: Self.input(tags: Self.tags))
  }

  private func checkGradients(_ network: TaggerNetwork, input: NetworkBatch) throws {
    var rng = SplitMix64(seed: 0)
    let (logits, labelLogits, cache) = network.forward(input, isTraining: false, using: &rng)
    // The gradients of the mean losses, scaled to those of the summed losses checked below.
    let label = SoftmaxCrossEntropy.lossAndGradient(
      logits: try #require(labelLogits), targets: Self.labels)
    var dLabel = label.dLogits
    dLabel.scale(by: Float(label.count))
    var dTags: Matrix?
    if let logits {
      let tags = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: input.targets)
      dTags = tags.dLogits
      dTags?.scale(by: Float(tags.count))
    }
    var gradients = network.zeroedCopy()
    network.backward(dTags, dLabelLogits: dLabel, cache: cache, into: &gradients)
    #expect(network.parameterPaths.contains { $0.name == "label.classifier.weight" })
    // Max pooling has kinks where the winning step changes: a smaller step stays clear of them.
    let step: Float = network.labelHead?.pooling == .max ? 1e-3 : 1e-2
    expectGradientsMatch(network, gradients: gradients, step: step, maxElementsPerParameter: 6) {
      Self.loss($0, input)
    }
  }

  @Test(arguments: SentencePooling.allCases)
  func paddedBatchGivesTheLogitsOfEachSentenceAlone(pooling: SentencePooling) throws {
    let network = Self.network(tagCount: 4, pooling: pooling)
    var rng = SplitMix64(seed: 0)
    let batch = try #require(
      network.forward(Self.input(), isTraining: false, using: &rng).labelLogits)
    for (index, sentence) in Self.sentences.enumerated() {
      let alone = try #require(
        network.forward(Self.input([sentence]), isTraining: false, using: &rng).labelLogits)
      expectClose(alone.row(0), batch.row(index), "sentence \(index)")
    }
  }

  /// `last` reads the forward state at the last real token and the backward state at the first
  /// (the top layer's output rows there), as PyTorch's `h_n[-2:]` does.
  @Test func lastPoolingReadsTheFinalStatesOfTheTopLayer() throws {
    let network = Self.network(pooling: .last)
    var rng = SplitMix64(seed: 0)
    let input = Self.input()
    let (output, finalHidden, _) = network.stack.forward(
      network.wordEmbedding.forward(input.wordIDs).concatenatingZeroCharacters(
        network.characters.map { 2 * $0.hiddenSize } ?? 0), batch: input.batch, using: &rng)
    let head = try #require(network.labelHead)
    let (pooled, _) = head.pool(
      output, finalStates: TaggerNetwork.topStates(finalHidden), batch: input.batch)
    let size = network.stack.hiddenSize
    for (b, length) in input.batch.lengths.enumerated() {
      let forwardRow = output.row((length - 1) * input.batch.batchSize + b)
      let backwardRow = output.row(b)
      expectClose(Array(pooled.row(b)[0..<size]), Array(forwardRow[0..<size]), "forward \(b)")
      expectClose(
        Array(pooled.row(b)[size...]), Array(backwardRow[size...]), "backward \(b)")
    }
  }
}

extension Matrix {
  /// The matrix with `count` zero columns appended (stands in for character vectors).
  fileprivate func concatenatingZeroCharacters(_ count: Int) -> Matrix {
    count == 0 ? self : Matrix.concatenatingColumns(self, Matrix(rows: rows, columns: count))
  }
}
