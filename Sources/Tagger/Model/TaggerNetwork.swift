/// The tagger's network: word embeddings plus a character encoder, a deep bidirectional
/// recurrent stack, and its heads: a softmax classifier per word (tags), one per sentence
/// (a label), or both.
///
/// Shapes (T = longest sentence, B = sentences, E = word embedding, Hc = character hidden size,
/// A = affix encoder output (0 without one), H = hidden size, C = tags, K = labels): input
/// `[T·B, E + 2Hc + A]` → stack `[T·B, 2H]` → tag
/// logits `[T·B, C]`; the stack's final states (or its pooled output) → label logits `[B, K]`.
/// Dropout acts on the stack's input, between its layers, on its output and on the sentence
/// vector.
public struct TaggerNetwork: ParameterContainer, Sendable, Equatable {
  /// Word embeddings `[V, E]`.
  public var wordEmbedding: Embedding
  /// The character encoder; nil when the configuration turns it off.
  public var characters: CharacterEncoder?
  /// Hashed affix and shape embeddings; nil when the configuration has none.
  public var affixEncoder: AffixEncoder?
  /// The recurrent stack.
  public var stack: BidirectionalStack
  /// The per-word classifier `[C, 2H]`; nil for a sentence classifier without a tag head.
  public var classifier: Linear?
  /// The sentence-label head; nil for a tagger without one.
  public var labelHead: SentenceLabelHead?
  /// The dropout rate used in training.
  public var dropoutRate: Float
  /// One value embedding per input feature (`TaggerConfiguration.features`), in order.
  public var featureEmbeddings: [Embedding] = []
  /// The CRF over the classifier's scores when the decoder is `crf`.
  public var crf: CRF?
  /// One more per-word softmax classifier `[C_k, 2H]` per additional tag layer (XPOS and FEATS
  /// beside UPOS), reading the same stack output as `classifier`; empty for one layer.
  public var layerClassifiers: [Linear] = []

  /// A seeded network for the given vocabulary sizes.
  ///
  /// - Parameters:
  ///   - tagCount: The tags of the tag head; 0 for a network without one.
  ///   - labelCount: The labels of the sentence-label head; 0 for a network without one.
  ///   - pooling: How the label head reads the stack.
  ///   - layerTagCounts: The tags of each additional tag layer (needs a tag head).
  public init(
    configuration: TaggerConfiguration, wordCount: Int, characterCount: Int, tagCount: Int,
    labelCount: Int = 0, pooling: SentencePooling = .last, featureValueCounts: [Int] = [],
    layerTagCounts: [Int] = [], using rng: inout SplitMix64
  ) {
    precondition(
      layerTagCounts.isEmpty || tagCount > 0, "TaggerNetwork: more tag layers without a tag head")
    let kind = configuration.cellKind ?? .lstm
    wordEmbedding = Embedding(
      vocabularySize: wordCount, dimension: configuration.wordEmbeddingSize, using: &rng)
    characters =
      configuration.usesCharacters
      ? CharacterEncoder(
        characterCount: characterCount, embeddingSize: configuration.characterEmbeddingSize,
        hiddenSize: configuration.characterHiddenSize, using: &rng) : nil
    affixEncoder =
      configuration.usesAffixes
      ? AffixEncoder(
        affixSize: configuration.affixEmbeddingSize ?? 0,
        shapeSize: configuration.shapeEmbeddingSize ?? 0,
        buckets: configuration.affixBuckets ?? TaggerConfiguration.defaultAffixBuckets,
        using: &rng) : nil
    stack = BidirectionalStack(
      kind: kind, inputSize: configuration.stackInputSize, hiddenSize: configuration.hiddenSize,
      layerCount: configuration.layerCount, residual: configuration.usesResidual, using: &rng)
    classifier =
      tagCount > 0
      ? Linear(inputSize: 2 * configuration.hiddenSize, outputSize: tagCount, using: &rng) : nil
    labelHead =
      labelCount > 0
      ? SentenceLabelHead(
        hiddenSize: configuration.hiddenSize, labelCount: labelCount, pooling: pooling, using: &rng)
      : nil
    dropoutRate = configuration.dropout
    let features = configuration.features ?? []
    precondition(features.count == featureValueCounts.count, "TaggerNetwork: feature vocabularies")
    featureEmbeddings = zip(features, featureValueCounts).map {
      Embedding(vocabularySize: $1, dimension: $0.embeddingSize, using: &rng)
    }
    crf = configuration.decoder == .crf && tagCount > 0 ? CRF(tagCount: tagCount) : nil
    layerClassifiers = layerTagCounts.map {
      Linear(inputSize: 2 * configuration.hiddenSize, outputSize: $0, using: &rng)
    }
  }

  /// Whether the two directions of each layer (and of the character encoder) run on two
  /// threads. Results are bit-identical either way; OpenBLAS is held to one thread in both modes.
  public var runsDirectionsConcurrently: Bool {
    get { stack.runsDirectionsConcurrently }
    set {
      Matrix.setBLASThreads(1)
      stack.runsDirectionsConcurrently = newValue
      characters?.runsDirectionsConcurrently = newValue
    }
  }

  /// The character encoder, for key paths; only valid when `characters` is not nil.
  var characterEncoder: CharacterEncoder {
    get {
      guard let characters else { preconditionFailure("the network has no character encoder") }
      return characters
    }
    set { characters = newValue }
  }

  public var parameterPaths: [(name: String, path: WritableKeyPath<TaggerNetwork, Matrix>)] {
    var paths = prefixedPaths("words", \.wordEmbedding)
    if characters != nil { paths += prefixedPaths("characters", \.characterEncoder) }
    if affixEncoder != nil { paths += prefixedPaths("affixes", \.affixes) }
    paths += prefixedPaths("stack", \.stack)
    if classifier != nil { paths += prefixedPaths("classifier", \.tagClassifier) }
    if labelHead != nil { paths += prefixedPaths("label", \.sentenceLabelHead) }
    return paths + headPaths
  }

  /// In place, in `parameterPaths` order: the optional children are reached by unwrapping their
  /// stored properties, not through the computed ones the key paths use.
  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    wordEmbedding.updateParameters(body)
    if characters != nil { characters!.updateParameters(body) }
    if affixEncoder != nil { affixEncoder!.updateParameters(body) }
    stack.updateParameters(body)
    if classifier != nil { classifier!.updateParameters(body) }
    if labelHead != nil { labelHead!.updateParameters(body) }
    for index in featureEmbeddings.indices { featureEmbeddings[index].updateParameters(body) }
    if crf != nil { crf!.updateParameters(body) }
    for index in layerClassifiers.indices { layerClassifiers[index].updateParameters(body) }
  }

  /// Everything `backward` needs from a training forward pass.
  struct Cache {
    var input: NetworkBatch
    var characterChunks: [CharacterEncoder.Chunk]
    var affixIDs: AffixEncoder.IDs?
    var inputMask: Matrix?
    var stackCache: StackCache
    var outputMask: Matrix?
    var classifierInput: Matrix?
    var labelCache: SentenceLabelHead.Cache?
  }

  /// Runs the network; with `isTraining` dropout is on.
  ///
  /// - Returns: tag logits `[T·B, C]` and label logits `[B, K]` (each nil without its head), and
  ///   the cache for `backward`.
  func forward(_ input: NetworkBatch, isTraining: Bool, using rng: inout SplitMix64)
    -> (logits: Matrix?, labelLogits: Matrix?, cache: Cache)
  {
    var x = wordEmbedding.forward(input.wordIDs)
    var chunks: [CharacterEncoder.Chunk] = []
    if let characters {
      let encoded = characters.forward(input.distinctWordCharacters)
      chunks = encoded.chunks
      x = Matrix.concatenatingColumns(
        x, encoded.vectors.gatheringRowsOrZero(input.rowToDistinctWord))
    }
    var affixIDs: AffixEncoder.IDs?
    if let affixEncoder {
      let encoded = affixEncoder.forward(input.distinctForms)
      affixIDs = encoded.ids
      x = Matrix.concatenatingColumns(
        x, encoded.vectors.gatheringRowsOrZero(input.rowToDistinctWord))
    }
    x = appendingFeatures(to: x, input)
    let dropout = Dropout(rate: isTraining ? dropoutRate : 0)
    let (stackInput, inputMask) = dropout.forward(x, isTraining: isTraining, using: &rng)
    let stackResult = stack.forward(
      stackInput, batch: input.batch, interLayerDropout: isTraining ? dropoutRate : 0, using: &rng)
    var cache = Cache(
      input: input, characterChunks: chunks, affixIDs: affixIDs, inputMask: inputMask,
      stackCache: stackResult.cache, outputMask: nil, classifierInput: nil, labelCache: nil)
    var logits: Matrix?
    if let classifier {
      let (classifierInput, outputMask) = dropout.forward(
        stackResult.output, isTraining: isTraining, using: &rng)
      logits = classifier.forward(classifierInput)
      (cache.classifierInput, cache.outputMask) = (classifierInput, outputMask)
    }
    let labelResult = labelHead?.forward(
      stackOutput: stackResult.output, finalStates: Self.topStates(stackResult.finalHidden),
      batch: input.batch, dropout: dropout, isTraining: isTraining, using: &rng)
    cache.labelCache = labelResult?.cache
    return (logits, labelResult?.logits, cache)
  }

  /// The logits `[T·B, C_k]` of each additional tag layer, from a forward pass's cache (they
  /// read the same dropped-out stack output as the first layer); empty for one layer.
  func layerLogits(_ cache: Cache) -> [Matrix] {
    guard !layerClassifiers.isEmpty, let classifierInput = cache.classifierInput else { return [] }
    return layerClassifiers.map { $0.forward(classifierInput) }
  }

  /// Back-propagates the tag logits' and the label logits' gradients (either may be nil), and
  /// those of the additional tag layers (`dLayerLogits`, empty or one per layer), through the
  /// whole network into `gradients`.
  func backward(
    _ dLogits: Matrix?, dLabelLogits: Matrix? = nil, dLayerLogits: [Matrix] = [], cache: Cache,
    into gradients: inout TaggerNetwork
  ) {
    let dropout = Dropout(rate: dropoutRate)
    var dStackOutput = Matrix(rows: cache.input.batch.rowCount, columns: 2 * stack.hiddenSize)
    if let dLogits, let classifier, let classifierInput = cache.classifierInput {
      var dClassifierInput = classifier.backward(
        dLogits, input: classifierInput, into: &gradients.tagClassifier)
      precondition(
        dLayerLogits.isEmpty || dLayerLogits.count == layerClassifiers.count,
        "TaggerNetwork.backward: \(dLayerLogits.count) layer gradients for \(layerClassifiers.count) layers")
      for (index, dLayer) in dLayerLogits.enumerated() {
        dClassifierInput += layerClassifiers[index].backward(
          dLayer, input: classifierInput, into: &gradients.layerClassifiers[index])
      }
      dStackOutput = dropout.backward(dClassifierInput, mask: cache.outputMask)
    }
    var dFinalHidden: [Matrix]?
    if let dLabelLogits, let labelHead, let labelCache = cache.labelCache {
      let dHead = labelHead.backward(
        dLabelLogits, cache: labelCache, into: &gradients.sentenceLabelHead)
      if let dPooled = dHead.dStackOutput { dStackOutput += dPooled }
      if let dStates = dHead.dFinalStates {
        let zero = Matrix(rows: cache.input.batch.batchSize, columns: stack.hiddenSize)
        dFinalHidden =
          [Matrix](repeating: zero, count: 2 * stack.layers.count - 2)
          + [dStates.forward, dStates.backward]
      }
    }
    let dStackInput = stack.backward(
      dStackOutput, dFinalHidden: dFinalHidden, cache: cache.stackCache, into: &gradients.stack)
    var dx = backwardFeatures(
      dropout.backward(dStackInput, mask: cache.inputMask), cache.input, into: &gradients)
    if let affixEncoder, let affixIDs = cache.affixIDs {
      let start = dx.columns - affixEncoder.outputSize
      var dDistinct = Matrix(
        rows: cache.input.distinctForms.count, columns: affixEncoder.outputSize)
      dDistinct.scatterAddRows(
        dx.columns(start..<dx.columns), at: cache.input.rowToDistinctWord, skippingRow: -1)
      affixEncoder.backward(dDistinct, ids: affixIDs, into: &gradients.affixes)
      dx = dx.columns(0..<start)
    }
    let wordSize = wordEmbedding.table.columns
    guard let characters else {
      wordEmbedding.backward(dx, ids: cache.input.wordIDs, into: &gradients.wordEmbedding)
      return
    }
    wordEmbedding.backward(
      dx.columns(0..<wordSize), ids: cache.input.wordIDs, into: &gradients.wordEmbedding)
    var dDistinct = Matrix(
      rows: cache.input.distinctWordCharacters.count, columns: 2 * characters.hiddenSize)
    dDistinct.scatterAddRows(
      dx.columns(wordSize..<dx.columns), at: cache.input.rowToDistinctWord, skippingRow: -1)
    characters.backward(
      dDistinct, chunks: cache.characterChunks, into: &gradients.characterEncoder)
  }
}

extension TaggerNetwork {
  /// The tag classifier, for key paths; only valid when `classifier` is not nil.
  var tagClassifier: Linear {
    get {
      guard let classifier else { preconditionFailure("the network has no tag head") }
      return classifier
    }
    set { classifier = newValue }
  }

  /// The affix encoder, for key paths; only valid when `affixEncoder` is not nil.
  var affixes: AffixEncoder {
    get {
      guard let affixEncoder else { preconditionFailure("the network has no affix encoder") }
      return affixEncoder
    }
    set { affixEncoder = newValue }
  }

  /// The label head, for key paths; only valid when `labelHead` is not nil.
  var sentenceLabelHead: SentenceLabelHead {
    get {
      guard let labelHead else { preconditionFailure("the network has no sentence-label head") }
      return labelHead
    }
    set { labelHead = newValue }
  }

  /// The top layer's final states (forward, backward) from the stack's `h_n` list.
  static func topStates(_ finalHidden: [Matrix]) -> (forward: Matrix, backward: Matrix) {
    (finalHidden[finalHidden.count - 2], finalHidden[finalHidden.count - 1])
  }
}
