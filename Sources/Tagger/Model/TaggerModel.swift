import Corpora

/// A trained tagger: its network, the vocabularies and tag set it was trained with, and what is
/// known about its training.
public struct TaggerModel: Sendable, Equatable {
  /// Facts about training saved with the model.
  public struct Provenance: Sendable, Equatable, Codable {
    /// The seed of every random choice in training.
    public var seed: UInt64
    /// The tag layer trained on (`upos`, `pos`, a column number…), as the user chose it; saved
    /// as its string form.
    public var tagLayer: LayerSelector
    /// A checksum of the training sentences (words and tags).
    public var trainingChecksum: String
    /// Number of training sentences and tokens.
    public var trainingSentences: Int
    /// Number of training tokens.
    public var trainingTokens: Int
    /// The per-epoch training log.
    public var log: [TrainingLogEntry]

    /// Creates provenance facts.
    public init(
      seed: UInt64, tagLayer: LayerSelector, trainingChecksum: String, trainingSentences: Int,
      trainingTokens: Int, log: [TrainingLogEntry] = []
    ) {
      self.seed = seed
      self.tagLayer = tagLayer
      self.trainingChecksum = trainingChecksum
      self.trainingSentences = trainingSentences
      self.trainingTokens = trainingTokens
      self.log = log
    }
  }

  /// The hyperparameters.
  public var configuration: TaggerConfiguration
  /// The word vocabulary (training data only).
  public var vocabulary: Vocabulary
  /// The character vocabulary (training data only).
  public var characterVocabulary: CharacterVocabulary
  /// The tags the model predicts.
  public var tagSet: TagSet
  /// The weights.
  public var network: TaggerNetwork
  /// Facts about training.
  public var provenance: Provenance
  /// What the model predicts.
  public var heads: ModelHeads
  /// The sentence labels the label head predicts; empty without one.
  public var labelSet: TagSet
  /// The tags of each additional tag layer (`heads.additionalTags`), in order; empty for one.
  public var layerTagSets: [TagSet] = []
  /// The lemmas of the lemma layer (`heads.lemma`); nil without one.
  public var lemmaDictionary: LemmaDictionary?
  /// The lemma layer's character encoder-decoder for the words `lemmaDictionary` does not know;
  /// nil without one (its suffix rules answer them, as in files written before it).
  public var lemmaDecoder: LemmaDecoderHead?
  /// The value vocabulary of each input feature (`configuration.features`), in order.
  public var featureVocabularies: [Vocabulary] = []
  /// The decoding choices stored with the model: span constraint and calibrated temperature.
  public var decodingDefaults = DecodingDefaults()
  /// Every distinct training form as written, for the standard seen/unseen split; nil for a
  /// model file written before models kept them.
  public var trainingForms: TrainingForms?
  /// The other members of an ensemble (`TaggerModel+Ensemble.swift`), each a whole model of the
  /// same heads and tags; empty for one model. Predictions average all members' outputs.
  public internal(set) var ensembleMembers: [TaggerModel] = []

  /// Creates a model from its parts; without `heads` it is a tagger of the provenance's layer.
  public init(
    configuration: TaggerConfiguration, vocabulary: Vocabulary,
    characterVocabulary: CharacterVocabulary, tagSet: TagSet, network: TaggerNetwork,
    provenance: Provenance, heads: ModelHeads? = nil, labelSet: TagSet = TagSet(tags: [])
  ) {
    self.heads = heads ?? .tagger(layer: provenance.tagLayer)
    self.labelSet = labelSet
    self.configuration = configuration
    self.vocabulary = vocabulary
    self.characterVocabulary = characterVocabulary
    self.tagSet = tagSet
    self.network = network
    self.provenance = provenance
  }

  /// The network input for sentences of word forms (and gold tag ids when training).
  func networkBatch(_ sentences: [[String]], tagIDs: [[Int]]? = nil) -> NetworkBatch {
    networkBatch(sentences.map { TaggerInput(words: $0) }, tagIDs: tagIDs)
  }
}
