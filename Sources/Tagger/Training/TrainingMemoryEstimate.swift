/// How much memory training a network would take, estimated from the configuration and the
/// training data before anything is allocated, so that absurd sizes (`--hidden 100000000`) are
/// refused with a figure instead of an allocation abort.
///
/// Parameters: `TaggerConfiguration.parameterCount` with the vocabularies of `training`, kept in
/// `copies` Float32 copies (weights, gradients, Adam's two moments, the moving average, the best
/// model). Activations: one batch of the longest training sentences, padded (`R = sentences per
/// batch × longest sentence` rows), with per row the stack input `D = E + 2Hc` three times,
/// per layer and direction the cached gates, cell and hidden state and their gradients
/// (`(2G + 2)·H`) plus the layer's input, the classifier's `2H + 3C`, and the character encoder's
/// `(2G + 2)·Hc + Ec` per character of at most `CharacterVocabulary.maxEncodedWordLength`.
public struct TrainingMemoryEstimate: Sendable, Equatable {
  /// The network's weights, or nil when the count does not fit in an `Int`.
  public let parameterCount: Int?
  /// Bytes for the weights and their training copies, or nil when out of range.
  public let parameterBytes: Int?
  /// Bytes for one batch's activations and their gradients, or nil when out of range.
  public let activationBytes: Int?

  /// The estimate for training with `options` on `training`.
  public init(options: TrainingOptions, training: [TaggedSentence]) {
    let configuration = options.configuration
    let vocabularies = TrainingVocabularies(training, configuration: configuration)
    parameterCount = configuration.parameterCount(
      wordCount: vocabularies.words.count, characterCount: vocabularies.characters.count,
      tagCount: vocabularies.tags.count)
    let copies =
      3 + (options.optimizer == .adam ? 2 : 0) + (options.averageDecay > 0 ? 1 : 0)
    parameterBytes = Self.product([parameterCount, copies, 4])
    let longest = training.map(\.words.count).max() ?? 0
    let longestWord = training.lazy.flatMap(\.words).map(\.unicodeScalars.count).max() ?? 0
    activationBytes = Self.activationBytes(
      configuration, rows: Self.product([options.sentencesPerBatch, longest]),
      characters: min(longestWord, CharacterVocabulary.maxEncodedWordLength),
      tagCount: vocabularies.tags.count)
  }

  /// The total, or nil when out of range.
  public var totalBytes: Int? {
    guard let parameterBytes, let activationBytes else { return nil }
    let (sum, overflow) = parameterBytes.addingReportingOverflow(activationBytes)
    return overflow ? nil : sum
  }

  /// Whether the estimate fits in `availableBytes` of memory.
  public func fits(in availableBytes: UInt64) -> Bool {
    guard let totalBytes else { return false }
    return UInt64(totalBytes) <= availableBytes
  }

  private static func activationBytes(
    _ configuration: TaggerConfiguration, rows: Int?, characters: Int, tagCount: Int
  ) -> Int? {
    guard configuration.sizeProblem == nil, let gates = configuration.cellKind?.gateCount
    else { return nil }
    let hidden = configuration.hiddenSize
    let input = sum([
      product([configuration.characterHiddenSize, 2]), configuration.wordEmbeddingSize,
    ])
    let perDirection = product([2 * gates + 2, hidden])
    let firstLayer = sum([product([perDirection, 2]), input])
    let upperLayers = product([
      sum([product([perDirection, 2]), product([hidden, 2])]),
      configuration.layerCount - 1,
    ])
    let characterRow = sum([
      product([2 * CellKind.lstm.gateCount + 2, configuration.characterHiddenSize, 2]),
      configuration.characterEmbeddingSize,
    ])
    let perRow = sum([
      product([input, 3]), firstLayer, upperLayers, product([hidden, 2]), product([tagCount, 3]),
      configuration.usesCharacters ? product([characterRow, characters]) : 0,
    ])
    return product([rows, perRow, 4])
  }

  /// The product of non-negative factors, nil on overflow or a nil factor.
  private static func product(_ factors: [Int?]) -> Int? {
    var result = 1
    for factor in factors {
      guard let factor, factor >= 0 else { return nil }
      let (next, overflow) = result.multipliedReportingOverflow(by: factor)
      if overflow { return nil }
      result = next
    }
    return result
  }

  /// The sum of non-negative terms, nil on overflow or a nil term.
  private static func sum(_ terms: [Int?]) -> Int? {
    var result = 0
    for term in terms {
      guard let term else { return nil }
      let (next, overflow) = result.addingReportingOverflow(term)
      if overflow { return nil }
      result = next
    }
    return result
  }
}
