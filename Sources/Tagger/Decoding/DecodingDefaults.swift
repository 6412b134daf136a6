/// The decoding choices a model stores: which span constraint its tags follow and the softmax
/// temperature fitted on dev after training. Both are optional keys of the model file whose
/// absence means the behaviour of older models (constraint detected from the tag set,
/// temperature 1).
public struct DecodingDefaults: Sendable, Equatable, Codable {
  /// The span constraint detected in (or chosen for) the training data; nil: detect from the tags.
  public var constraint: SpanConstraint?
  /// The calibrated temperature; nil: not calibrated (1).
  public var temperature: Float?

  /// No stored choice.
  public init(constraint: SpanConstraint? = nil, temperature: Float? = nil) {
    self.constraint = constraint
    self.temperature = temperature
  }
}

/// A resolved way of decoding one model's output: search, constraints and temperature.
public struct Decoding: Sendable, Equatable {
  /// The search.
  public var method: DecodeMethod
  /// The span constraint applied (`.none` for free decoding).
  public var constraint: SpanConstraint
  /// The allowed moves, nil for `.none`.
  public var constraints: SpanConstraints?
  /// The temperature of every probability (1: as trained).
  public var temperature: Float
  /// The beam width of the lemma decoder (1: greedy, all unknown words of a batch at once).
  public var lemmaBeam: Int = 1
}

extension SpanConstraint {
  /// The constraint training data follow: the chunk scheme its tags show (IOB1, IOB2 or IOBES),
  /// `none` when the tags are not span labels.
  public static func detected(inTraining sentences: [TaggedSentence]) -> SpanConstraint {
    var evidence = ChunkScheme.Evidence()
    for sentence in sentences { evidence.add(sentence.tags.map(ChunkLabel.init)) }
    return evidence.detectedScheme.map(SpanConstraint.init) ?? .none
  }
}

extension TaggerModel {
  /// The output layer of the tag head.
  public var decoder: TagDecoder { configuration.decoder ?? .softmax }

  /// The decoding to use: each choice given here, else the model's stored one, else the default
  /// (Viterbi for a CRF and greedy for a softmax; the constraint detected from the tag set;
  /// temperature 1).
  ///
  /// `bio` on a model trained on IOB1 data applies the IOB1 rules.
  ///
  /// - Throws: `SpanConstraintError` when the constraint does not fit the tag set.
  public func decoding(
    method: DecodeMethod? = nil, constraint: SpanConstraint? = nil, temperature: Float? = nil,
    lemmaBeam: Int = 1
  ) throws -> Decoding {
    precondition(lemmaBeam >= 1, "TaggerModel.decoding: lemma beam \(lemmaBeam)")
    let stored = decodingDefaults.constraint
    var chosen = constraint ?? stored ?? SpanConstraint.detected(from: tagSet.tags)
    if chosen == .bio && stored == .iob1 { chosen = .iob1 }
    return Decoding(
      method: method ?? (decoder == .crf ? .viterbi : .greedy), constraint: chosen,
      constraints: try SpanConstraints.make(chosen, tags: tagSet.tags),
      temperature: temperature ?? decodingDefaults.temperature ?? 1, lemmaBeam: lemmaBeam)
  }

  /// The model's own decoding (`decoding()`), or free decoding if its stored constraint no
  /// longer fits its tags (a file edited by hand).
  public var defaultDecoding: Decoding {
    if let decoding = try? decoding() { return decoding }
    return Decoding(
      method: decoder == .crf ? .viterbi : .greedy, constraint: .none, constraints: nil,
      temperature: decodingDefaults.temperature ?? 1)
  }
}
