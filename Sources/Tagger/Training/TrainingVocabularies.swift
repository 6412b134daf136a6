/// The vocabularies and word counts built from the training data only.
struct TrainingVocabularies {
  var words: Vocabulary
  var characters: CharacterVocabulary
  var tags: TagSet
  /// The sentence labels (empty when no sentence has one).
  var labels: TagSet
  /// The tags of each additional tag layer (`TaggedSentence.layerTags`), in order.
  var layerTags: [TagSet]
  /// The value vocabulary of each input feature (values seen in training; `<pad>`, `<unk>` first).
  var features: [Vocabulary]
  /// Occurrences of each normalised word in training, for word dropout.
  var wordCounts: [String: Int]

  init(_ sentences: [TaggedSentence], configuration: TaggerConfiguration) {
    let normalization = configuration.normalization
    var counts: [String: Int] = [:]
    for sentence in sentences {
      for word in sentence.words {
        counts[Vocabulary.normalize(word, normalization), default: 0] += 1
      }
    }
    let kept = counts.filter { $0.value >= configuration.minimumWordCount }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    words = Vocabulary(entries: ["<pad>", "<unk>"] + kept.map(\.key), normalization: normalization)
    characters = CharacterVocabulary.build(words: sentences.lazy.flatMap(\.words), minimumCount: 1)
    tags = TagSet.build(from: sentences.lazy.flatMap(\.tags))
    labels = TagSet.build(from: sentences.lazy.compactMap(\.label))
    let layerCount = sentences.first?.layerTags.count ?? 0
    layerTags = (0..<layerCount).map { layer in
      TagSet.build(from: sentences.lazy.flatMap { $0.layerTags[layer] })
    }
    wordCounts = counts
    let featureCount = configuration.features?.count ?? 0
    features = (0..<featureCount).map { feature in
      let values = Set(sentences.lazy.flatMap { $0.features[feature] }).sorted()
      return Vocabulary(
        entries: ["<pad>", "<unk>"] + values,
        normalization: Vocabulary.Normalization(lowercases: false, foldsDigits: false))
    }
  }
}
