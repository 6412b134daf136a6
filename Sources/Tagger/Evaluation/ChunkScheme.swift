/// How chunk (span) labels are written: a prefix, a hyphen and the chunk type (`B-NP`), or `O`.
///
/// - `iob1`: `I-X` inside chunks; `B-X` only on the first word of a chunk that directly follows
///   another chunk of the same type.
/// - `iob2`: `B-X` on the first word of every chunk, `I-X` on the rest.
/// - `iobes`: `B-X` first, `I-X` inside, `E-X` last word, `S-X` a one-word chunk.
///
/// Scoring follows conlleval, whose rules read every scheme the same way (see `ChunkCounter`):
/// the scheme is detected from the gold tags for reporting, and chunks are scored at all only when
/// the tags look like chunk labels (or the caller forces a scheme).
public enum ChunkScheme: String, CaseIterable, Codable, Sendable {
  case iob1
  case iob2
  case iobes

  /// What the gold tags of a corpus say about their scheme, gathered token by token.
  public struct Evidence: Sendable, Equatable {
    /// Gold tags with a `B-`, `I-`, `E-` or `S-` prefix and a type.
    public var prefixedTags = 0
    /// Gold tags that are neither `O` nor prefixed (`NOUN`, `-LRB-`).
    public var plainTags = 0
    /// Gold `E-` or `S-` tags.
    public var endOrSingleTags = 0
    /// Gold `B-X` tags not preceded by `B-X` or `I-X`: IOB2 writes them, IOB1 never does.
    public var openingBeginTags = 0

    /// No evidence yet.
    public init() {}

    /// Records one sentence's gold tags.
    mutating func add(_ labels: [ChunkLabel]) {
      var previous = ChunkLabel.outside
      for label in labels {
        switch label.prefix {
        case .outside: break
        case .plain: plainTags += 1
        case .end, .single:
          prefixedTags += 1
          endOrSingleTags += 1
        case .begin:
          prefixedTags += 1
          let continuesSameType =
            (previous.prefix == .begin || previous.prefix == .inside) && previous.type == label.type
          if !continuesSameType { openingBeginTags += 1 }
        case .inside: prefixedTags += 1
        }
        previous = label
      }
    }

    /// The scheme the tags follow, or nil when they are not chunk labels (any plain tag, or no
    /// prefixed tag at all).
    public var detectedScheme: ChunkScheme? {
      guard prefixedTags > 0, plainTags == 0 else { return nil }
      if endOrSingleTags > 0 { return .iobes }
      return openingBeginTags > 0 ? .iob2 : .iob1
    }
  }
}

/// A tag read as a chunk label: prefix and type, split at the first hyphen as conlleval does.
struct ChunkLabel: Equatable, Sendable {
  /// The part before the first hyphen.
  enum Prefix: Equatable, Sendable {
    case begin, inside, end, single, outside
    /// Not `O` and without a known prefix: outside any chunk, but not a chunk label.
    case plain
  }

  var prefix: Prefix
  var type: Substring

  static let outside = ChunkLabel(prefix: .outside, type: "")

  /// Reads `tag`: `B-NP` → (begin, `NP`), `O` → outside; a tag without a `B`, `I`, `E` or `S`
  /// prefix (or with an empty type) is `plain` and lies outside every chunk.
  init(_ tag: String) {
    if tag == "O" {
      self = .outside
      return
    }
    guard let hyphen = tag.firstIndex(of: "-") else {
      self.init(prefix: .plain, type: "")
      return
    }
    let type = tag[tag.index(after: hyphen)...]
    let prefix: Prefix
    switch tag[..<hyphen] {
    case "B": prefix = .begin
    case "I": prefix = .inside
    case "E": prefix = .end
    case "S": prefix = .single
    default: prefix = .plain
    }
    self.init(prefix: type.isEmpty ? .plain : prefix, type: prefix == .plain ? "" : type)
  }

  init(prefix: Prefix, type: Substring) {
    self.prefix = prefix
    self.type = type
  }

  /// Whether the label lies inside a chunk.
  var isInChunk: Bool { prefix != .outside && prefix != .plain }
}
