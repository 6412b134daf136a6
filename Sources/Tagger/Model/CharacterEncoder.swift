/// A bidirectional LSTM over the Unicode scalars of each word: the word's final forward and
/// backward states, concatenated, are its character vector (`[W, 2Hc]`).
///
/// Words are sorted by length and encoded in chunks of `wordsPerChunk`, each a padded
/// `SequenceBatch`, so padding stays within one chunk's length spread rather than growing to the
/// longest word of the whole batch.
public struct CharacterEncoder: ParameterContainer, Sendable, Equatable {
  /// Character embeddings `[C, Ec]`.
  public var embedding: Embedding
  /// The left-to-right LSTM.
  public var forwardLayer: RecurrentLayer
  /// The right-to-left LSTM.
  public var backwardLayer: RecurrentLayer

  /// Whether the two directions run on two threads (bit-identical results either way).
  public var runsDirectionsConcurrently = true

  static let wordsPerChunk = 256

  /// A seeded encoder.
  public init(
    characterCount: Int, embeddingSize: Int, hiddenSize: Int, using rng: inout SplitMix64
  ) {
    embedding = Embedding(vocabularySize: characterCount, dimension: embeddingSize, using: &rng)
    forwardLayer = RecurrentLayer(
      kind: .lstm, inputSize: embeddingSize, hiddenSize: hiddenSize, using: &rng)
    backwardLayer = RecurrentLayer(
      kind: .lstm, inputSize: embeddingSize, hiddenSize: hiddenSize, using: &rng)
  }

  /// The hidden size per direction.
  public var hiddenSize: Int { forwardLayer.hiddenSize }

  public var parameterPaths: [(name: String, path: WritableKeyPath<CharacterEncoder, Matrix>)] {
    prefixedPaths("embedding", \.embedding) + prefixedPaths("forward", \.forwardLayer)
      + prefixedPaths("backward", \.backwardLayer)
  }

  /// In place, in `parameterPaths` order (the recurrent layers' key paths would copy their
  /// observed weights).
  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    embedding.updateParameters(body)
    forwardLayer.updateParameters(body)
    backwardLayer.updateParameters(body)
  }

  /// What backward needs from one chunk of words.
  struct Chunk {
    var wordIndices: [Int]
    var ids: [Int]
    var batch: SequenceBatch
    var forwardCache: RecurrentCache
    var backwardCache: RecurrentCache
  }

  /// Encodes words given as character ids (each non-empty).
  ///
  /// - Returns: the character vectors `[W, 2Hc]` and the cache for `backward`.
  func forward(_ words: [[Int]]) -> (vectors: Matrix, chunks: [Chunk]) {
    let hidden = hiddenSize
    var vectors = Matrix(rows: words.count, columns: 2 * hidden)
    var chunks: [Chunk] = []
    let order = words.indices.sorted { words[$0].count < words[$1].count }
    var start = 0
    while start < order.count {
      let wordIndices = Array(order[start..<min(start + Self.wordsPerChunk, order.count)])
      start += wordIndices.count
      let batch = SequenceBatch(lengths: wordIndices.map { max(words[$0].count, 1) })
      let width = wordIndices.count
      var ids = [Int](repeating: CharacterVocabulary.paddingID, count: batch.maxLength * width)
      for (column, wordIndex) in wordIndices.enumerated() {
        for (step, id) in words[wordIndex].enumerated() { ids[step * width + column] = id }
        if words[wordIndex].isEmpty { ids[column] = CharacterVocabulary.unknownID }
      }
      let x = embedding.forward(ids)
      let runs = DirectionPair.run(concurrently: runsDirectionsConcurrently) { isReversed in
        (isReversed ? backwardLayer : forwardLayer).forward(x, batch: batch, reversed: isReversed)
      }
      let (forwardHidden, forwardCache) = runs.forward
      let (backwardHidden, backwardCache) = runs.backward
      for (column, wordIndex) in wordIndices.enumerated() {
        let lastRow = (batch.lengths[column] - 1) * width + column
        for unit in 0..<hidden {
          vectors[wordIndex, unit] = forwardHidden[lastRow, unit]
          vectors[wordIndex, hidden + unit] = backwardHidden[column, unit]
        }
      }
      chunks.append(
        Chunk(
          wordIndices: wordIndices, ids: ids, batch: batch, forwardCache: forwardCache,
          backwardCache: backwardCache))
    }
    return (vectors, chunks)
  }

  /// Back-propagates `dVectors` (`[W, 2Hc]`) into `gradients`.
  func backward(_ dVectors: Matrix, chunks: [Chunk], into gradients: inout CharacterEncoder) {
    let hidden = hiddenSize
    for chunk in chunks {
      let width = chunk.wordIndices.count
      var dForward = Matrix(rows: chunk.batch.maxLength * width, columns: hidden)
      var dBackward = Matrix(rows: chunk.batch.maxLength * width, columns: hidden)
      for (column, wordIndex) in chunk.wordIndices.enumerated() {
        let lastRow = (chunk.batch.lengths[column] - 1) * width + column
        for unit in 0..<hidden {
          dForward[lastRow, unit] = dVectors[wordIndex, unit]
          dBackward[column, unit] = dVectors[wordIndex, hidden + unit]
        }
      }
      let accumulators = EncoderGradients(gradients)
      let dInputs = DirectionPair.run(concurrently: runsDirectionsConcurrently) { isReversed in
        isReversed
          ? backwardLayer.backward(
            dBackward, cache: chunk.backwardCache, into: &accumulators.backward)
          : forwardLayer.backward(dForward, cache: chunk.forwardCache, into: &accumulators.forward)
      }
      gradients.forwardLayer = accumulators.forward
      gradients.backwardLayer = accumulators.backward
      var dx = dInputs.forward
      dx += dInputs.backward
      embedding.backward(dx, ids: chunk.ids, into: &gradients.embedding)
    }
  }
}

/// The two directions' gradient accumulators, written by two threads (distinct properties).
private final class EncoderGradients: @unchecked Sendable {
  var forward: RecurrentLayer
  var backward: RecurrentLayer

  init(_ encoder: CharacterEncoder) {
    forward = encoder.forwardLayer
    backward = encoder.backwardLayer
  }
}
