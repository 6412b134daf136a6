/// A frozen word vocabulary built from training data only.
///
/// Ids 0 and 1 are reserved: `0 = <pad>`, `1 = <unk>`. Words are normalised before lookup
/// (lowercasing and digit folding, as configured); the normalisation is saved with the model.
public struct Vocabulary: Sendable, Equatable {
  /// How words are normalised before lookup.
  public struct Normalization: Sendable, Equatable, Codable {
    /// Lowercase words.
    public var lowercases: Bool
    /// Replace every decimal digit by `0`.
    public var foldsDigits: Bool

    /// Creates a normalisation.
    public init(lowercases: Bool, foldsDigits: Bool) {
      self.lowercases = lowercases
      self.foldsDigits = foldsDigits
    }
  }

  /// The id of padding.
  public static let paddingID = 0
  /// The id of unknown words.
  public static let unknownID = 1

  /// Entries by id; `entries[0] == "<pad>"`, `entries[1] == "<unk>"`.
  public let entries: [String]
  /// The normalisation applied before lookup.
  public let normalization: Normalization
  private let ids: [String: Int]

  /// A vocabulary over `entries` (which must start with `<pad>` and `<unk>`).
  public init(entries: [String], normalization: Normalization) {
    precondition(
      entries.count >= 2 && entries[0] == "<pad>" && entries[1] == "<unk>",
      "Vocabulary: entries must start with <pad>, <unk>")
    self.entries = entries
    self.normalization = normalization
    var ids: [String: Int] = [:]
    for (id, entry) in entries.enumerated() where id >= 2 { ids[entry] = id }
    self.ids = ids
  }

  /// Builds a vocabulary of the normalised words that occur at least `minimumCount` times.
  ///
  /// Entries are ordered by frequency, ties by the word, so the same data gives the same ids.
  public static func build(
    words: some Sequence<String>, minimumCount: Int, normalization: Normalization
  ) -> Vocabulary {
    var counts: [String: Int] = [:]
    for word in words { counts[normalize(word, normalization), default: 0] += 1 }
    let kept = counts.filter { $0.value >= minimumCount }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    return Vocabulary(entries: ["<pad>", "<unk>"] + kept.map(\.key), normalization: normalization)
  }

  /// The number of entries, reserved ids included.
  public var count: Int { entries.count }

  /// The id of `word` after normalisation, or `unknownID`.
  public func id(of word: String) -> Int {
    ids[Self.normalize(word, normalization)] ?? Self.unknownID
  }

  /// Whether `word` (normalised) is in the vocabulary.
  public func contains(_ word: String) -> Bool {
    ids[Self.normalize(word, normalization)] != nil
  }

  /// `word` normalised as this vocabulary does before lookup.
  public func normalize(_ word: String) -> String {
    Self.normalize(word, normalization)
  }

  static func normalize(_ word: String, _ normalization: Normalization) -> String {
    var result = normalization.lowercases ? word.lowercased() : word
    if normalization.foldsDigits, result.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
      result = String(
        String.UnicodeScalarView(
          result.unicodeScalars.map { $0.properties.numericType == .decimal ? "0" : $0 }))
    }
    return result
  }
}
