/// The optional metadata of the heads and of the CRF issue: input-feature vocabularies and the stored decoding
/// choices. Absent keys mean a model without features, a detected constraint and temperature 1,
/// so older files load unchanged.
extension ModelFile {
  /// The heads a file describes with its optional `heads` and `labels` keys; a file without
  /// them is a tagger of the provenance's layer (every model written before heads existed).
  ///
  /// - Throws: `ModelFileError` for a malformed description, a tag head without tags, a label
  ///   head without labels, or a label head's loss weight or smoothing out of range.
  static func decodeHeads(
    _ metadata: [String: String], provenance: TaggerModel.Provenance, path: String
  ) throws -> (ModelHeads, TagSet) {
    guard metadata["heads"] != nil else {
      return (.tagger(layer: provenance.tagLayer), TagSet(tags: []))
    }
    let heads = try value(ModelHeads.self, metadata, "heads", path)
    let labels = TagSet(tags: try value([String].self, metadata, "labels", path))
    guard heads.tags != nil || heads.label != nil else {
      throw ModelFileError(.badHeader("\"heads\" names no head"), path: path)
    }
    if heads.tags != nil, try value([String].self, metadata, "tags", path).isEmpty {
      throw ModelFileError(.badHeader("a tag head without tags"), path: path)
    }
    guard (heads.label == nil) == (labels.count == 0) else {
      throw ModelFileError(
        .badHeader("a label head needs labels, and labels need a label head"), path: path)
    }
    if let label = heads.label {
      // A resumed run trains with both; out of range, they would stop it on a precondition.
      guard label.lossWeight > 0, label.lossWeight.isFinite else {
        throw ModelFileError(
          .badHeader("the label head's loss weight \(label.lossWeight) is not positive"),
          path: path)
      }
      if let smoothing = label.smoothing, !(0..<1).contains(smoothing) {
        throw ModelFileError(
          .badHeader("the label head's smoothing \(smoothing) is not in [0, 1)"), path: path)
      }
    }
    return (heads, labels)
  }

  /// Metadata key of the additional tag layers' tag sets (`[[String]]`, one per layer).
  static let layerTagsKey = "layerTags"

  /// The tag sets of the additional tag layers `heads` announces.
  ///
  /// - Throws: `ModelFileError` when they are missing, malformed, empty or not one per layer.
  static func layerTagSets(_ metadata: [String: String], heads: ModelHeads, path: String) throws
    -> [TagSet]
  {
    let layers = heads.additionalTags ?? []
    guard !layers.isEmpty else {
      guard metadata[layerTagsKey] == nil else {
        throw ModelFileError(
          .badHeader("\"\(layerTagsKey)\" without more tag layers in \"heads\""), path: path)
      }
      return []
    }
    guard heads.tags != nil else {
      throw ModelFileError(.badHeader("more tag layers without a tag head"), path: path)
    }
    let sets = try value([[String]].self, metadata, layerTagsKey, path)
    guard sets.count == heads.additionalOutputCount, sets.allSatisfy({ !$0.isEmpty }),
      layers.allSatisfy({ $0.featureKeys.map { !$0.isEmpty } ?? true })
    else {
      throw ModelFileError(
        .badHeader(
          "\"\(layerTagsKey)\" does not hold one non-empty tag set per tag layer (per feature of"
            + " a split FEATS layer)"),
        path: path)
    }
    return sets.map { TagSet(tags: $0) }
  }

  /// Metadata key of the lemma layer's `LemmaDictionary`.
  static let lemmaDictionaryKey = "lemmaDictionary"

  /// The lemma dictionary `heads` announces, nil without a lemma layer.
  ///
  /// - Throws: `ModelFileError` when it is missing, malformed, or present without a lemma layer.
  static func lemmaDictionary(_ metadata: [String: String], heads: ModelHeads, path: String)
    throws -> LemmaDictionary?
  {
    guard heads.lemma != nil else {
      guard metadata[lemmaDictionaryKey] == nil else {
        throw ModelFileError(
          .badHeader("\"\(lemmaDictionaryKey)\" without a lemma layer in \"heads\""), path: path)
      }
      return nil
    }
    return try value(LemmaDictionary.self, metadata, lemmaDictionaryKey, path)
  }

  /// Metadata key of the lemma layer's encoder-decoder (its sizes and characters; the weights
  /// are the tensors named `lemma.…`).
  static let lemmaDecoderKey = "lemmaDecoder"

  /// The lemma encoder-decoder the metadata describes, with its weights moved out of `tensors`;
  /// nil when there is none.
  ///
  /// - Throws: `ModelFileError` when it is malformed, does not fit the tagger (its tags, its
  ///   context width), lacks a tensor, or is present without a lemma layer.
  static func lemmaDecoder(
    _ metadata: [String: String], heads: ModelHeads, tags: TagSet, dictionary: LemmaDictionary?,
    contextSize: Int, storedWeights: Int, tensors: inout [String: Matrix], path: String
  ) throws -> LemmaDecoderHead? {
    guard metadata[lemmaDecoderKey] != nil else { return nil }
    guard heads.lemma != nil else {
      throw ModelFileError(
        .badHeader("\"\(lemmaDecoderKey)\" without a lemma layer in \"heads\""), path: path)
    }
    let description = try value(
      LemmaDecoderHead.Description.self, metadata, lemmaDecoderKey, path)
    let sizes = description.configuration
    guard let vocabulary = CharacterVocabulary(entries: description.characters),
      description.tagCount == tags.count, description.contextSize == contextSize,
      [sizes.embeddingSize, sizes.encoderSize, sizes.decoderSize, sizes.tagEmbeddingSize]
        .allSatisfy({ (1...4096).contains($0) }), (0..<1).contains(sizes.dropout)
    else {
      throw ModelFileError(
        .badHeader(
          "\"\(lemmaDecoderKey)\" does not fit the model (\(description.tagCount) tags for"
            + " \(tags.count), context \(description.contextSize) for \(contextSize), or bad sizes)"
        ),
        path: path)
    }
    let asked = LemmaEncoderDecoder.parameterCount(
      sizes, characterCount: vocabulary.count, tagCount: tags.count, contextSize: contextSize)
    guard asked <= storedWeights else {  // before allocating what a hostile header asks for
      throw ModelFileError(
        .badHeader(
          "\"\(lemmaDecoderKey)\" asks for \(asked) weights but the file holds \(storedWeights)"),
        path: path)
    }
    var rng = SplitMix64(seed: 0)
    var network = LemmaEncoderDecoder(
      configuration: sizes, characterCount: vocabulary.count, tagCount: tags.count,
      contextSize: contextSize, using: &rng)
    try assignParameters(from: &tensors, to: &network, path: path)
    let copied = dictionary?.copyTags ?? []
    return LemmaDecoderHead(
      network: network, vocabulary: vocabulary,
      tags: Set(description.tags ?? tags.tags.filter { !copied.contains($0) }))
  }

  /// Metadata key of the feature value vocabularies (`[[String]]`, one per input feature).
  static let featureValuesKey = "featureValues"
  /// Metadata key of the stored `DecodingDefaults`.
  static let decodingKey = "decoding"

  /// The optional keys `model` needs.
  static func headMetadata(_ model: TaggerModel) throws -> [String: String] {
    var metadata: [String: String] = [:]
    if !model.featureVocabularies.isEmpty {
      metadata[featureValuesKey] = try json(model.featureVocabularies.map(\.entries))
    }
    if let lemmaDictionary = model.lemmaDictionary {
      metadata[lemmaDictionaryKey] = try json(lemmaDictionary)
    }
    if let lemmaDecoder = model.lemmaDecoder {
      metadata[lemmaDecoderKey] = try json(lemmaDecoder.description)
    }
    if !model.layerTagSets.isEmpty {
      metadata[layerTagsKey] = try json(model.layerTagSets.map(\.tags))
    }
    if model.decodingDefaults != DecodingDefaults() {
      metadata[decodingKey] = try json(model.decodingDefaults)
    }
    return metadata
  }

  /// The feature vocabularies the configuration announces.
  ///
  /// - Throws: `ModelFileError` when they are missing, malformed or fewer than the features.
  static func featureVocabularies(
    _ metadata: [String: String], configuration: TaggerConfiguration, path: String
  ) throws -> [Vocabulary] {
    let features = configuration.features ?? []
    guard !features.isEmpty else { return [] }
    guard features.allSatisfy({ $0.embeddingSize >= 1 }) else {
      throw ModelFileError(.badHeader("an input feature has no embedding size"), path: path)
    }
    let entries = try value([[String]].self, metadata, featureValuesKey, path)
    guard entries.count == features.count,
      entries.allSatisfy({ $0.count >= 2 && $0[0] == "<pad>" && $0[1] == "<unk>" })
    else {
      throw ModelFileError(
        .badHeader("\"\(featureValuesKey)\" does not hold one vocabulary per input feature"),
        path: path)
    }
    return entries.map {
      Vocabulary(entries: $0, normalization: .init(lowercases: false, foldsDigits: false))
    }
  }

  /// The stored decoding choices, or none.
  ///
  /// - Throws: `ModelFileError` for a malformed value or a temperature that is not positive.
  static func decodingDefaults(_ metadata: [String: String], path: String) throws
    -> DecodingDefaults
  {
    guard metadata[decodingKey] != nil else { return DecodingDefaults() }
    let defaults = try value(DecodingDefaults.self, metadata, decodingKey, path)
    if let temperature = defaults.temperature, !(temperature > 0 && temperature.isFinite) {
      throw ModelFileError(.badHeader("temperature \(temperature) is not positive"), path: path)
    }
    return defaults
  }
}
