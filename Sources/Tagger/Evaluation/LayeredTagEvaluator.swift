import Corpora

/// Scores several tag layers of the same words at once (UPOS, XPOS and FEATS): one
/// `TagEvaluator` per layer, plus AllTags, the share of words whose every tag layer is right.
/// As in the CoNLL 2018 shared task, a `lemma` layer is scored on its own and left out of
/// AllTags.
///
/// ```swift
/// var evaluator = LayeredTagEvaluator(layerNames: ["upos", "xpos", "feats"]) { TagEvaluator() }
/// evaluator.add(gold: goldLayers, predicted: predictedLayers, words: words)  // [layer][word]
/// print(evaluator.scores().allTags.accuracy)
/// ```
public struct LayeredTagEvaluator: Sendable {
  /// The layers' names, in order (the keys of the report).
  public let layerNames: [String]
  /// One evaluator per layer.
  public private(set) var layers: [TagEvaluator]
  private var allTags = AllTagsScore(tokens: 0, correctTokens: 0)
  /// The layers AllTags counts: every one but `lemma` (all of them if that leaves none).
  let allTagsLayers: [Int]

  /// The layer name left out of AllTags.
  public static let lemmaLayerName = "lemma"

  /// An evaluator per named layer, each made by `makeEvaluator`.
  public init(layerNames: [String], makeEvaluator: () -> TagEvaluator) {
    precondition(!layerNames.isEmpty, "LayeredTagEvaluator: no layer")
    self.layerNames = layerNames
    layers = layerNames.map { _ in makeEvaluator() }
    let tagLayers = layerNames.indices.filter { layerNames[$0] != Self.lemmaLayerName }
    allTagsLayers = tagLayers.isEmpty ? Array(layerNames.indices) : tagLayers
  }

  /// Adds one sentence: each layer's gold and predicted tags (`[layer][word]`) and the words.
  public mutating func add(gold: [[String]], predicted: [[String]], words: [String]) {
    precondition(
      gold.count == layers.count && predicted.count == layers.count,
      "LayeredTagEvaluator.add: \(gold.count) gold and \(predicted.count) predicted layers for \(layers.count)"
    )
    for index in layers.indices {
      layers[index].add(gold: gold[index], predicted: predicted[index], words: words)
    }
    addAllTags(gold: gold, predicted: predicted)
  }

  /// Adds one sentence pair read from files: layer k is column `goldColumns[k]` of `gold` and
  /// `predictedColumns[k]` of `predicted`.
  ///
  /// - Throws: `CorpusError` when the sentences do not hold the same words (see
  ///   `TagEvaluator.add(gold:goldColumn:predicted:predictedColumn:predictedFile:)`).
  public mutating func add(
    gold: Sentence, goldColumns: [Int], predicted: Sentence, predictedColumns: [Int],
    predictedFile: String
  ) throws {
    precondition(goldColumns.count == layers.count && predictedColumns.count == layers.count)
    for index in layers.indices {
      try layers[index].add(
        gold: gold, goldColumn: goldColumns[index], predicted: predicted,
        predictedColumn: predictedColumns[index], predictedFile: predictedFile)
    }
    addAllTags(
      gold: goldColumns.map { gold.values(ofColumn: $0) },
      predicted: predictedColumns.map { predicted.values(ofColumn: $0) })
  }

  private mutating func addAllTags(gold: [[String]], predicted: [[String]]) {
    let wordCount = gold[0].count
    allTags.tokens += wordCount
    for word in 0..<wordCount
    where allTagsLayers.allSatisfy({ gold[$0][word] == predicted[$0][word] }) {
      allTags.correctTokens += 1
    }
  }

  /// Every layer's figures and AllTags.
  public func scores(confusionLimit: Int = 10) -> LayeredScores {
    LayeredScores(
      layerNames: layerNames, layers: layers.map { $0.scores(confusionLimit: confusionLimit) },
      allTags: allTags)
  }

  /// The mean of the layers' token accuracies (0-100), for choosing a model on dev.
  public var meanAccuracy: Double {
    layers.reduce(0) { $0 + $1.accuracy } / Double(layers.count)
  }
}

/// The words whose every tag layer (lemmas aside) is right.
public struct AllTagsScore: Sendable, Codable, Equatable {
  /// Words scored.
  public var tokens: Int
  /// Words with every layer right.
  public var correctTokens: Int
  /// `100 · correctTokens / tokens`.
  public var accuracy: Double {
    tokens == 0 ? 0 : 100 * Double(correctTokens) / Double(tokens)
  }

  enum CodingKeys: String, CodingKey {
    case tokens, accuracy
    case correctTokens = "correct_tokens"
  }

  /// A score of `correctTokens` right words among `tokens`.
  public init(tokens: Int, correctTokens: Int) {
    self.tokens = tokens
    self.correctTokens = correctTokens
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    tokens = try container.decode(Int.self, forKey: .tokens)
    correctTokens = try container.decode(Int.self, forKey: .correctTokens)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(tokens, forKey: .tokens)
    try container.encode(correctTokens, forKey: .correctTokens)
    try container.encode(accuracy, forKey: .accuracy)
  }
}

/// The figures of several tag layers: each layer's own report, and AllTags.
public struct LayeredScores: Sendable, Equatable {
  /// The layers' names, in order.
  public var layerNames: [String]
  /// Each layer's figures, in the order of `layerNames`.
  public var layers: [Scores]
  /// The words whose every layer is right.
  public var allTags: AllTagsScore
}
