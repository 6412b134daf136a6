/// A cheap representation of a word's spelling for words the vocabulary lacks: hashed embeddings
/// of its prefixes and suffixes of 1–4 characters (lowercased), summed, next to an embedding of
/// its shape (`Xxx`, `dd.d`, …).
///
/// No vocabulary is kept: each affix is hashed (FNV-1a, with its side and length) into one of
/// `buckets` rows, so unseen affixes of new words still land on trained rows. Affixes longer than
/// the word are left out (id 0, the zero `<pad>` row). The output, `[W, Ea + Es]`, stands beside
/// (or instead of) the character encoder's vectors.
public struct AffixEncoder: ParameterContainer, Sendable, Equatable {
  /// The hashed affix rows `[buckets, Ea]`.
  public var affixes: Embedding
  /// The hashed shape rows `[shapeBuckets, Es]`.
  public var shapes: Embedding

  /// The prefix and suffix lengths, in characters.
  public static let affixLengths = 1...4
  /// Affix ids per word: one prefix and one suffix per length.
  static let slotCount = 2 * affixLengths.count
  /// The rows of the shape table (shapes are few; collisions are rare at this size).
  public static let shapeBuckets = 512
  /// The longest run of one character class a shape keeps (`Xxxxxxx` becomes `Xxxx`).
  static let longestShapeRun = 3

  /// A seeded encoder.
  public init(affixSize: Int, shapeSize: Int, buckets: Int, using rng: inout SplitMix64) {
    affixes = Embedding(vocabularySize: buckets, dimension: affixSize, using: &rng)
    shapes = Embedding(vocabularySize: Self.shapeBuckets, dimension: shapeSize, using: &rng)
  }

  /// `Ea + Es`, the width of the output rows.
  public var outputSize: Int { affixes.dimension + shapes.dimension }

  public var parameterPaths: [(name: String, path: WritableKeyPath<AffixEncoder, Matrix>)] {
    prefixedPaths("affix.embedding", \.affixes) + prefixedPaths("shape.embedding", \.shapes)
  }

  /// The table rows each word reads: `slotCount` affix ids per word, then its shape id.
  struct IDs {
    var affixes: [Int]
    var shapes: [Int]
  }

  /// The affix and shape ids of `words`.
  func ids(of words: [String]) -> IDs {
    var ids = IDs(affixes: [], shapes: [])
    ids.affixes.reserveCapacity(words.count * Self.slotCount)
    ids.shapes.reserveCapacity(words.count)
    for word in words {
      let scalars = Array(word.lowercased().unicodeScalars)
      for length in Self.affixLengths {
        for isSuffix in [false, true] {
          guard length <= scalars.count else {
            ids.affixes.append(Embedding.paddingID)
            continue
          }
          let affix = isSuffix ? scalars[(scalars.count - length)...] : scalars[..<length]
          let seed = UInt64(isSuffix ? 0x100 : 0) | UInt64(length)
          ids.affixes.append(Self.row(hashing: affix, seed: seed, rows: affixes.vocabularySize))
        }
      }
      ids.shapes.append(
        Self.row(hashing: Self.shape(of: word), seed: 0x200, rows: Self.shapeBuckets))
    }
    return ids
  }

  /// The word's shape: upper-case letters `X`, other letters `x`, digits `d`, anything else
  /// itself, with runs of one class cut to `longestShapeRun`.
  static func shape(of word: String) -> [Unicode.Scalar] {
    var shape: [Unicode.Scalar] = []
    var run = 0
    for scalar in word.unicodeScalars {
      let symbol = shapeSymbol(of: scalar)
      run = shape.last == symbol ? run + 1 : 1
      if run <= longestShapeRun { shape.append(symbol) }
    }
    return shape
  }

  /// `X`, `x`, `d` or the scalar itself; ASCII without a look-up of Unicode properties.
  private static func shapeSymbol(of scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0x41...0x5A: return "X"
    case 0x61...0x7A: return "x"
    case 0x30...0x39: return "d"
    case 0..<0x80: return scalar
    default:
      let properties = scalar.properties
      return properties.isUppercase
        ? "X" : properties.isAlphabetic ? "x" : properties.numericType != nil ? "d" : scalar
    }
  }

  /// A row in `2..<rows` (0 and 1 are the embedding's reserved rows) from FNV-1a over the
  /// scalars and a seed that tells the slots apart.
  static func row<Scalars: Sequence<Unicode.Scalar>>(
    hashing scalars: Scalars, seed: UInt64, rows: Int
  ) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
    for scalar in scalars {
      hash = (hash ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01b3
    }
    return 2 + Int(hash % UInt64(rows - 2))
  }

  /// The vectors of `words`, `[W, Ea + Es]`: the sum of each word's affix rows, then its shape
  /// row; and the ids, for `backward`.
  func forward(_ words: [String]) -> (vectors: Matrix, ids: IDs) {
    let ids = ids(of: words)
    let affixSize = affixes.dimension
    let width = outputSize
    var vectors = Matrix(rows: words.count, columns: width)
    vectors.storage.withUnsafeMutableBufferPointer { out in
      affixes.table.storage.withUnsafeBufferPointer { table in
        for word in words.indices {
          let row = word &* width
          for slot in 0..<Self.slotCount {
            let id = ids.affixes[word &* Self.slotCount &+ slot]
            guard id != Embedding.paddingID else { continue }
            let source = id &* affixSize
            for column in 0..<affixSize { out[row &+ column] += table[source &+ column] }
          }
        }
      }
      shapes.table.storage.withUnsafeBufferPointer { table in
        let shapeSize = shapes.dimension
        for word in words.indices {
          let (row, source) = (word &* width &+ affixSize, ids.shapes[word] &* shapeSize)
          for column in 0..<shapeSize { out[row &+ column] = table[source &+ column] }
        }
      }
    }
    return (vectors, ids)
  }

  /// Adds the gradients of the output rows (`[W, Ea + Es]`) into the rows each word read.
  func backward(_ dVectors: Matrix, ids: IDs, into gradients: inout AffixEncoder) {
    let affixPart = dVectors.columns(0..<affixes.dimension)
    for slot in 0..<Self.slotCount {
      let slotIDs = stride(from: slot, to: ids.affixes.count, by: Self.slotCount).map {
        ids.affixes[$0]
      }
      affixes.backward(affixPart, ids: slotIDs, into: &gradients.affixes)
    }
    shapes.backward(
      dVectors.columns(affixes.dimension..<dVectors.columns), ids: ids.shapes,
      into: &gradients.shapes)
  }
}
