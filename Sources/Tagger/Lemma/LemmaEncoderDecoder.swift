import Foundation

/// The sizes of a `LemmaEncoderDecoder`, saved in the model file.
public struct LemmaDecoderConfiguration: Codable, Sendable, Equatable {
  /// E, the size of the character embeddings (shared by the encoder's input and the decoder's).
  public var embeddingSize = 48
  /// Hₑ, the hidden size of each direction of the character encoder.
  public var encoderSize = 96
  /// H_d, the hidden size of the decoder.
  public var decoderSize = 160
  /// The size of the tag embedding.
  public var tagEmbeddingSize = 24
  /// The dropout rate on the decoder's states in training.
  public var dropout: Float = 0.2

  /// The default sizes.
  public init() {}
}

/// A character encoder-decoder with attention that writes a word's lemma, one character at a
/// time: the lemma head of a tagger, used for the words its `LemmaDictionary` does not know.
///
/// - **Encoder:** the word's characters (`[n, E]` embeddings) run through a bidirectional LSTM;
///   its states are the memory `M` (`[n, 2Hₑ]`), and its final states (forward at the last
///   character, backward at the first) summarise the word.
/// - **Start:** the decoder's first hidden state is `tanh(W_b·[final states; context; tag] + b)`:
///   conditioned on the word, its contextual state in the sentence (the tagger's top BiLSTM
///   output, `[C]`) and its tag in the first layer (UPOS).
/// - **Decoder:** a `RecurrentDecoder` (the one the character language model uses) reads `<bos>`
///   and the lemma's characters; at each step its state `h` attends over the memory
///   (`αᵢ = softmax(h·W_a·mᵢ)`, `c = Σ αᵢ·mᵢ`, Luong's "general" score), and
///   `tanh(W_c·[h; c] + b)` goes through the decoder's own `output` layer to the next
///   character's logits, up to `<eos>`.
///
/// Parameter names start with `lemma.`.
public struct LemmaEncoderDecoder: ParameterContainer, Sendable, Equatable {
  /// The sizes.
  public let configuration: LemmaDecoderConfiguration
  /// The character embeddings of the encoder, `[V, E]` (row 0, `<pad>`, stays zero).
  public var characters: Embedding
  /// The encoder's left-to-right direction.
  public var encoderForward: RecurrentLayer
  /// The encoder's right-to-left direction.
  public var encoderBackward: RecurrentLayer
  /// The tag embeddings, `[T + 1, ·]`; row 0 is padding, tag `k` is row `k + 1`.
  public var tags: Embedding
  /// From `[final states; context; tag]` to the decoder's first hidden state.
  public var bridge: Linear
  /// The attention's bilinear form `W_a`, `[H_d, 2Hₑ]`.
  public var attention: Matrix
  /// From `[h; c]` to the attentional state that `decoder.output` reads, `[H_d, H_d + 2Hₑ]`.
  public var combine: Linear
  /// The recurrent decoder; its `output` maps attentional states to character logits.
  public var decoder: RecurrentDecoder

  /// A freshly initialised encoder-decoder.
  ///
  /// - Parameters:
  ///   - configuration: The sizes.
  ///   - characterCount: V, the characters and the reserved markers (`CharacterVocabulary`).
  ///   - tagCount: T, the first layer's tags.
  ///   - contextSize: C, the width of the tagger's top states.
  ///   - rng: Draws the initial weights.
  public init(
    configuration: LemmaDecoderConfiguration, characterCount: Int, tagCount: Int,
    contextSize: Int, using rng: inout SplitMix64
  ) {
    self.configuration = configuration
    let (e, he, hd) = (configuration.embeddingSize, configuration.encoderSize, configuration.decoderSize)
    characters = Embedding(vocabularySize: characterCount, dimension: e, using: &rng)
    encoderForward = RecurrentLayer(kind: .lstm, inputSize: e, hiddenSize: he, using: &rng)
    encoderBackward = RecurrentLayer(kind: .lstm, inputSize: e, hiddenSize: he, using: &rng)
    tags = Embedding(
      vocabularySize: tagCount + 1, dimension: configuration.tagEmbeddingSize, using: &rng)
    bridge = Linear(
      inputSize: 2 * he + contextSize + configuration.tagEmbeddingSize, outputSize: hd, using: &rng)
    let bound = Float(1 / Double(2 * he).squareRoot())
    attention = Matrix(
      rows: hd, columns: 2 * he,
      storage: (0..<(hd * 2 * he)).map { _ in rng.nextFloat(in: -bound, bound) })
    combine = Linear(inputSize: hd + 2 * he, outputSize: hd, using: &rng)
    decoder = RecurrentDecoder(
      cell: .lstm, input: .embedding, vocabularySize: characterCount, embeddingSize: e,
      layerCount: 1, hiddenSize: hd, dropout: configuration.dropout, using: &rng)
  }

  /// V, the characters and markers.
  public var characterCount: Int { characters.vocabularySize }
  /// T, the first layer's tags.
  public var tagCount: Int { tags.vocabularySize - 1 }
  /// C, the width of the context vector.
  public var contextSize: Int {
    bridge.inputSize - 2 * configuration.encoderSize - configuration.tagEmbeddingSize
  }

  /// The number of weights of a model of these sizes, computed without allocating it (each
  /// size at most 4,096, so no product overflows).
  static func parameterCount(
    _ sizes: LemmaDecoderConfiguration, characterCount v: Int, tagCount: Int, contextSize c: Int
  ) -> Int {
    let (e, he, hd, t) = (sizes.embeddingSize, sizes.encoderSize, sizes.decoderSize, sizes.tagEmbeddingSize)
    let encoder = v * e + 2 * (4 * he * (e + he) + 8 * he)
    let start = (tagCount + 1) * t + hd * (2 * he + c + t) + hd
    let attention = hd * 2 * he + hd * (hd + 2 * he) + hd
    let decoder = v * e + 4 * hd * (e + hd) + 8 * hd + v * hd + v
    return encoder + start + attention + decoder
  }

  public var parameterPaths: [(name: String, path: WritableKeyPath<LemmaEncoderDecoder, Matrix>)] {
    prefixedPaths("lemma.characters", \.characters)
      + prefixedPaths("lemma.encoder.forward", \.encoderForward)
      + prefixedPaths("lemma.encoder.backward", \.encoderBackward)
      + prefixedPaths("lemma.tags", \.tags) + prefixedPaths("lemma.bridge", \.bridge)
      + [("lemma.attention", \.attention)] + prefixedPaths("lemma.combine", \.combine)
      + prefixedPaths("lemma.decoder", \.decoder)
  }

  /// In place, in `parameterPaths` order (the recurrent layers' key paths would copy their
  /// observed weights).
  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    characters.updateParameters(body)
    encoderForward.updateParameters(body)
    encoderBackward.updateParameters(body)
    tags.updateParameters(body)
    bridge.updateParameters(body)
    body(&attention)
    combine.updateParameters(body)
    decoder.updateParameters(body)
  }
}

/// The words a `LemmaEncoderDecoder` reads: B words with their tag and context.
public struct LemmaWords: Sendable {
  /// The character ids of each word (at least one each).
  public var characters: [[Int]]
  /// The first-layer tag id of each word.
  public var tags: [Int]
  /// The context vector of each word, `[B, C]`.
  public var contexts: Matrix

  /// Words as given.
  public init(characters: [[Int]], tags: [Int], contexts: Matrix) {
    precondition(
      characters.count == tags.count && contexts.rows == tags.count
        && characters.allSatisfy { !$0.isEmpty },
      "LemmaWords: \(characters.count) words, \(tags.count) tags, \(contexts.rows) contexts")
    self.characters = characters
    self.tags = tags
    self.contexts = contexts
  }

  /// B, the number of words.
  public var count: Int { tags.count }
}
