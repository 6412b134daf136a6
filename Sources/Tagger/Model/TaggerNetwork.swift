/// The tagger's network: word embeddings plus a character encoder, a deep bidirectional
/// recurrent stack and a softmax classifier per word.
///
/// Shapes (T = longest sentence, B = sentences, E = word embedding, Hc = character hidden size,
/// H = hidden size, C = tags): input `[T·B, E + 2Hc]` → stack `[T·B, 2H]` → logits `[T·B, C]`.
/// Dropout acts on the stack's input, between its layers and on its output.
public struct TaggerNetwork: ParameterContainer, Sendable, Equatable {
  /// Word embeddings `[V, E]`.
  public var wordEmbedding: Embedding
  /// The character encoder; nil when the configuration turns it off.
  public var characters: CharacterEncoder?
  /// The recurrent stack.
  public var stack: BidirectionalStack
  /// The per-word classifier `[C, 2H]`.
  public var classifier: Linear
  /// The dropout rate used in training.
  public var dropoutRate: Float
  /// One value embedding per input feature (`TaggerConfiguration.features`), in order.
  public var featureEmbeddings: [Embedding] = []
  /// The CRF over the classifier's scores when the decoder is `crf`.
  public var crf: CRF?

  /// A seeded network for the given vocabulary sizes.
  public init(
    configuration: TaggerConfiguration, wordCount: Int, characterCount: Int, tagCount: Int,
    featureValueCounts: [Int] = [], using rng: inout SplitMix64
  ) {
    let kind = configuration.cellKind ?? .lstm
    wordEmbedding = Embedding(
      vocabularySize: wordCount, dimension: configuration.wordEmbeddingSize, using: &rng)
    characters =
      configuration.usesCharacters
      ? CharacterEncoder(
        characterCount: characterCount, embeddingSize: configuration.characterEmbeddingSize,
        hiddenSize: configuration.characterHiddenSize, using: &rng) : nil
    stack = BidirectionalStack(
      kind: kind, inputSize: configuration.stackInputSize, hiddenSize: configuration.hiddenSize,
      layerCount: configuration.layerCount, using: &rng)
    classifier = Linear(
      inputSize: 2 * configuration.hiddenSize, outputSize: tagCount, using: &rng)
    dropoutRate = configuration.dropout
    let features = configuration.features ?? []
    precondition(features.count == featureValueCounts.count, "TaggerNetwork: feature vocabularies")
    featureEmbeddings = zip(features, featureValueCounts).map {
      Embedding(vocabularySize: $1, dimension: $0.embeddingSize, using: &rng)
    }
    crf = configuration.decoder == .crf ? CRF(tagCount: tagCount) : nil
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
    return paths + prefixedPaths("stack", \.stack) + prefixedPaths("classifier", \.classifier)
      + headPaths
  }

  /// Everything `backward` needs from a training forward pass.
  struct Cache {
    var input: NetworkBatch
    var characterChunks: [CharacterEncoder.Chunk]
    var inputMask: Matrix?
    var stackCache: StackCache
    var outputMask: Matrix?
    var classifierInput: Matrix
  }

  /// Runs the network; with `isTraining` dropout is on.
  ///
  /// - Returns: logits `[T·B, C]` and the cache for `backward`.
  func forward(_ input: NetworkBatch, isTraining: Bool, using rng: inout SplitMix64)
    -> (logits: Matrix, cache: Cache)
  {
    var x = wordEmbedding.forward(input.wordIDs)
    var chunks: [CharacterEncoder.Chunk] = []
    if let characters {
      let encoded = characters.forward(input.distinctWordCharacters)
      chunks = encoded.chunks
      x = Matrix.concatenatingColumns(
        x, encoded.vectors.gatheringRowsOrZero(input.rowToDistinctWord))
    }
    x = appendingFeatures(to: x, input)
    let dropout = Dropout(rate: isTraining ? dropoutRate : 0)
    let (stackInput, inputMask) = dropout.forward(x, isTraining: isTraining, using: &rng)
    let stackResult = stack.forward(
      stackInput, batch: input.batch, interLayerDropout: isTraining ? dropoutRate : 0, using: &rng)
    let (classifierInput, outputMask) = dropout.forward(
      stackResult.output, isTraining: isTraining, using: &rng)
    let logits = classifier.forward(classifierInput)
    let cache = Cache(
      input: input, characterChunks: chunks, inputMask: inputMask,
      stackCache: stackResult.cache, outputMask: outputMask, classifierInput: classifierInput)
    return (logits, cache)
  }

  /// Back-propagates `dLogits` through the whole network into `gradients`.
  func backward(_ dLogits: Matrix, cache: Cache, into gradients: inout TaggerNetwork) {
    let dropout = Dropout(rate: dropoutRate)
    let dClassifierInput = classifier.backward(
      dLogits, input: cache.classifierInput, into: &gradients.classifier)
    let dStackOutput = dropout.backward(dClassifierInput, mask: cache.outputMask)
    let dStackInput = stack.backward(dStackOutput, cache: cache.stackCache, into: &gradients.stack)
    let dx = backwardFeatures(
      dropout.backward(dStackInput, mask: cache.inputMask), cache.input, into: &gradients)
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
