/// A frozen vocabulary of Unicode scalars for the character encoder.
///
/// Reserved ids: `0 = <pad>`, `1 = <unk>`, `2 = <bos>`, `3 = <eos>` (the last two serve a
/// character-level generator).
public struct CharacterVocabulary: Sendable, Equatable {
  /// Reserved ids.
  public static let paddingID = 0
  /// The id of scalars not seen in training.
  public static let unknownID = 1
  /// Beginning of a word.
  public static let beginID = 2
  /// End of a word.
  public static let endID = 3
  static let reserved = ["<pad>", "<unk>", "<bos>", "<eos>"]

  /// The scalars by id, starting at id 4.
  public let scalars: [Unicode.Scalar]
  private let ids: [Unicode.Scalar: Int]

  /// A vocabulary over `scalars` (ids 4, 5, …).
  public init(scalars: [Unicode.Scalar]) {
    self.scalars = scalars
    var ids: [Unicode.Scalar: Int] = [:]
    for (index, scalar) in scalars.enumerated() { ids[scalar] = index + Self.reserved.count }
    self.ids = ids
  }

  /// Builds a vocabulary of the scalars that occur at least `minimumCount` times in `words`.
  public static func build(words: some Sequence<String>, minimumCount: Int) -> CharacterVocabulary {
    var counts: [Unicode.Scalar: Int] = [:]
    for word in words {
      for scalar in word.unicodeScalars { counts[scalar, default: 0] += 1 }
    }
    let kept = counts.filter { $0.value >= minimumCount }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.value < $1.key.value }
    return CharacterVocabulary(scalars: kept.map(\.key))
  }

  /// The number of ids, reserved ones included.
  public var count: Int { scalars.count + Self.reserved.count }

  /// The ids of a word's scalars.
  public func ids(of word: String) -> [Int] {
    word.unicodeScalars.map { ids[$0] ?? Self.unknownID }
  }

  /// The text of symbol ids; the reserved markers are skipped.
  public func text(of ids: [Int]) -> String {
    var text = String.UnicodeScalarView()
    for id in ids where id >= Self.reserved.count { text.append(scalars[id - Self.reserved.count]) }
    return String(text)
  }

  /// The entries as strings (reserved names first), for the model file.
  public var entries: [String] { Self.reserved + scalars.map { String($0) } }

  /// Rebuilds a vocabulary from `entries`.
  ///
  /// - Returns: nil when the reserved names are missing or an entry is not one scalar.
  public init?(entries: [String]) {
    guard entries.count >= Self.reserved.count, Array(entries.prefix(4)) == Self.reserved else {
      return nil
    }
    var scalars: [Unicode.Scalar] = []
    for entry in entries.dropFirst(Self.reserved.count) {
      guard entry.unicodeScalars.count == 1, let scalar = entry.unicodeScalars.first else {
        return nil
      }
      scalars.append(scalar)
    }
    self.init(scalars: scalars)
  }
}
