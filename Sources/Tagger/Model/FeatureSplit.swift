/// How a FEATS layer is predicted.
public enum FeatsEncoding: String, Codable, CaseIterable, Sendable {
  /// One tag per distinct feature bundle (`Case=Nom|Number=Sing`): one softmax.
  case bundle
  /// One softmax per feature (`Case`, `Number`, …) over its values and "absent" (`_`), the
  /// Stanza way; the bundle is the present features joined in UD order.
  case split
}

/// The features of a split FEATS layer: each bundle becomes one value per feature (`_` when
/// the feature is absent), and back.
///
/// Keys are kept in UD order (case-insensitive alphabetical, as in the CoNLL-U guidelines), so a
/// joined bundle has its pairs in that order. A multi-valued feature (`PronType=Int,Rel`) is one
/// value.
public struct FeatureSplit: Sendable, Equatable {
  /// The features, in UD order.
  public let keys: [String]
  private let positions: [String: Int]

  /// The features named in `bundles` (well-formed FEATS values, `_` for none).
  public init(bundles: some Sequence<String>) {
    var keys = Set<String>()
    for bundle in bundles { for (key, _) in Self.pairs(of: bundle) { keys.insert(key) } }
    self.init(keys: Array(keys))
  }

  /// A split over `keys` (put in UD order).
  public init(keys: [String]) {
    let sorted = keys.sorted {
      ($0.lowercased(), $0) < ($1.lowercased(), $1)
    }
    self.keys = sorted
    positions = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
  }

  /// The value of each feature in `bundle` (`_` when absent; features not in `keys` are left
  /// out).
  public func values(of bundle: String) -> [String] {
    var values = [String](repeating: "_", count: keys.count)
    for (key, value) in Self.pairs(of: bundle) {
      if let position = positions[key] { values[position] = value }
    }
    return values
  }

  /// The bundle of per-feature values (`_` when every feature is absent).
  public func bundle(of values: [String]) -> String { Self.bundle(keys: keys, values: values) }

  /// The bundle of per-feature `values` of `keys`, already in UD order (as `keys` of a split
  /// are): what `tag` writes for each word, without building a split.
  static func bundle(keys: [String], values: some Collection<String>) -> String {
    precondition(values.count == keys.count, "FeatureSplit: \(values.count) values")
    let pairs = zip(keys, values).filter { $0.1 != "_" }.map { "\($0.0)=\($0.1)" }
    return pairs.isEmpty ? "_" : pairs.joined(separator: "|")
  }

  /// The `Key=Value` pairs of a bundle (none for `_`).
  static func pairs(of bundle: String) -> [(String, String)] {
    guard bundle != "_" else { return [] }
    return bundle.split(separator: "|").compactMap { pair -> (String, String)? in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }
  }
}
