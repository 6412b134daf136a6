/// Which span encoding the decoders enforce (`--constrain`).
///
/// `bio` forbids the moves that make invalid IOB2 spans (`I-X` after `O`, after `B-Y`/`I-Y` or at
/// the start), or, when the model's training data was IOB1, the IOB1 rules (`B-X` only directly
/// after `B-X`/`I-X`). `iobes` also forbids unfinished spans. `none` decodes freely.
public enum SpanConstraint: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  case none
  case bio
  case iob1
  case iobes

  public var description: String { rawValue }

  /// The constraint that fits a chunk scheme detected in training data.
  public init(_ scheme: ChunkScheme) {
    switch scheme {
    case .iob1: self = .iob1
    case .iob2: self = .bio
    case .iobes: self = .iobes
    }
  }

  /// The constraint a tag set suggests on its own: `iobes` when it has `E-`/`S-` tags, `bio` when
  /// every tag is `O` or `B-`/`I-`, `none` otherwise (POS tags).
  public static func detected(from tags: [String]) -> SpanConstraint {
    let labels = tags.map(ChunkLabel.init)
    guard labels.contains(where: \.isInChunk), !labels.contains(where: { $0.prefix == .plain })
    else { return .none }
    return labels.contains { $0.prefix == .end || $0.prefix == .single } ? .iobes : .bio
  }
}

/// An error in the choice of decoding for a model's tags.
public struct SpanConstraintError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The message, without a location (these errors concern options, not files).
  public var description: String

  /// Creates an error with a message.
  public init(_ description: String) { self.description = description }
}

/// The allowed moves of a span encoding over one tag set.
public struct SpanConstraints: Sendable, Equatable {
  /// C, the number of tags.
  public let tagCount: Int
  /// `[C, C]` row-major (previous tag, next tag): whether the move is allowed.
  let allowedTransitions: [Bool]
  /// Whether a sentence may start with each tag.
  let allowedStart: [Bool]
  /// Whether a sentence may end with each tag.
  let allowedEnd: [Bool]

  /// The constraints of `constraint` over `tags`; nil for `.none`.
  ///
  /// - Throws: `SpanConstraintError` naming the tags that do not fit the encoding (a plain tag such as
  ///   `NOUN`, or `E-X`/`S-X` under `bio`).
  public static func make(_ constraint: SpanConstraint, tags: [String]) throws -> SpanConstraints? {
    guard constraint != .none else { return nil }
    let labels = tags.map(ChunkLabel.init)
    let misfits = zip(tags, labels).filter { _, label in
      switch label.prefix {
      case .outside, .begin, .inside: return false
      case .end, .single: return constraint != .iobes
      case .plain: return true
      }
    }.map(\.0)
    guard misfits.isEmpty else {
      let shown = misfits.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
      let more = misfits.count > 8 ? " and \(misfits.count - 8) more" : ""
      throw SpanConstraintError(
        "--constrain \(constraint) does not fit the tag set: \(shown)\(more) are not "
          + (constraint == .iobes ? "O, B-, I-, E- or S- tags" : "O, B- or I- tags"))
    }
    if constraint == .iobes {
      // Under IOBES a span of several words ends on E-X: a type with B-X but no E-X can never
      // open a span, and decoding would leave its words O (BIO tags given --constrain iobes).
      let ending = Set(labels.filter { $0.prefix == .end }.map(\.type))
      let unclosed = zip(tags, labels).filter { _, label in
        label.prefix == .begin && !ending.contains(label.type)
      }.map(\.0)
      if !unclosed.isEmpty {
        let shown = unclosed.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
        let more = unclosed.count > 8 ? " and \(unclosed.count - 8) more" : ""
        throw SpanConstraintError(
          "--constrain iobes does not fit the tag set: no E- tag ends a span opened by \(shown)"
            + "\(more) (BIO tags: use --constrain bio)")
      }
    }
    return SpanConstraints(constraint, labels: labels)
  }

  init(_ constraint: SpanConstraint, labels: [ChunkLabel]) {
    let count = labels.count
    tagCount = count
    var transitions = [Bool](repeating: true, count: count * count)
    for (previous, from) in labels.enumerated() {
      for (next, to) in labels.enumerated() {
        transitions[previous * count + next] = Self.allows(constraint, from, to)
      }
    }
    allowedTransitions = transitions
    allowedStart = labels.map { Self.allows(constraint, .outside, $0) }
    allowedEnd = labels.map { Self.allows(constraint, $0, .outside) }
  }

  /// Whether `next` may follow `previous` (`.outside` stands for the sentence boundary).
  static func allows(_ constraint: SpanConstraint, _ previous: ChunkLabel, _ next: ChunkLabel)
    -> Bool
  {
    let continuesSameType =
      (previous.prefix == .begin || previous.prefix == .inside) && previous.type == next.type
    switch constraint {
    case .none: return true
    case .bio: return next.prefix != .inside || continuesSameType
    case .iob1: return next.prefix != .begin || continuesSameType
    case .iobes:
      let isOpen = previous.prefix == .begin || previous.prefix == .inside
      let continues = next.prefix == .inside || next.prefix == .end
      return isOpen ? continues && previous.type == next.type : !continues
    }
  }

  /// Whether the tag sequence `path` obeys these constraints.
  public func isValid(_ path: [Int]) -> Bool {
    guard let first = path.first, let last = path.last else { return true }
    guard allowedStart[first], allowedEnd[last] else { return false }
    return zip(path, path.dropFirst()).allSatisfy { allowedTransitions[$0 * tagCount + $1] }
  }
}
