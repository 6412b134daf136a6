/// The lemma decoder of a tagger model: a `LemmaEncoderDecoder` with the characters it reads and
/// writes, and the first-layer tags whose words it answers when the model's `LemmaDictionary`
/// has not seen them (instead of the dictionary's copy or suffix rules).
public struct LemmaDecoderHead: Sendable, Equatable {
  /// What the model file stores in its metadata (the weights are tensors named `lemma.…`).
  struct Description: Codable, Equatable {
    var configuration: LemmaDecoderConfiguration
    var characters: [String]
    var tagCount: Int
    var contextSize: Int
    /// The tags the decoder answers; nil: every tag the dictionary does not copy.
    var tags: [String]?
  }

  /// The weights.
  public var network: LemmaEncoderDecoder
  /// The characters of training forms and lemmas, and the reserved markers.
  public var vocabulary: CharacterVocabulary
  /// The first-layer tags whose unknown words the decoder answers: chosen after training, per
  /// tag, by which of the decoder and the dictionary's rules was right more often on dev.
  public var tags: Set<String>

  /// A head from its parts.
  public init(network: LemmaEncoderDecoder, vocabulary: CharacterVocabulary, tags: Set<String>) {
    precondition(
      network.characterCount == vocabulary.count,
      "LemmaDecoderHead: \(network.characterCount) symbols, vocabulary of \(vocabulary.count)")
    self.network = network
    self.vocabulary = vocabulary
    self.tags = tags
  }

  var description: Description {
    Description(
      configuration: network.configuration, characters: vocabulary.entries,
      tagCount: network.tagCount, contextSize: network.contextSize, tags: tags.sorted())
  }

  /// The longest word (in characters) the decoder reads; longer ones (URLs, a megabyte without
  /// a space) keep the dictionary's rules, so no input makes the decoder run for long.
  public static let maxWordLength = 64

  /// The character ids of `word`, nil when it has a character the decoder never saw (it could
  /// not write it back) or more than `maxWordLength` characters.
  public func characterIDs(of word: String) -> [Int]? {
    Self.characterIDs(of: word, in: vocabulary)
  }

  /// `characterIDs(of:)` in `vocabulary`.
  static func characterIDs(of word: String, in vocabulary: CharacterVocabulary) -> [Int]? {
    guard word.unicodeScalars.count <= maxWordLength else { return nil }
    let ids = vocabulary.ids(of: word)
    guard !ids.isEmpty, !ids.contains(CharacterVocabulary.unknownID) else { return nil }
    return ids
  }

  /// The text of written character ids (markers skipped).
  public func text(of ids: [Int]) -> String { vocabulary.text(of: ids) }
}
