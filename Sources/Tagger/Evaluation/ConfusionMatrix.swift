/// Counts of gold tag × predicted tag, over the union of both tag sets.
public struct ConfusionMatrix: Sendable, Codable, Equatable {
  /// The tags, sorted; they label both the rows (gold) and the columns (predicted).
  public var labels: [String]
  /// `counts[g][p]`: words with gold tag `labels[g]` predicted as `labels[p]`.
  public var counts: [[Int]]
  /// How many tags were left out of the matrix (nil: none). A layer with more than
  /// `maximumLabels` tags (lemmas: thousands) keeps only its most frequent ones, so that the
  /// matrix, the JSON and the report's heat map stay small; every tag keeps its own scores.
  public var omittedLabels: Int?

  /// The most tags a matrix holds: a square of 200² cells, and every UPOS, XPOS and FEATS layer
  /// seen so far whole (EWT FEATS has about 150 bundles).
  public static let maximumLabels = 200

  enum CodingKeys: String, CodingKey {
    case labels, counts
    case omittedLabels = "omitted_labels"
  }

  /// Creates a matrix; `counts` is `[labels.count, labels.count]`.
  public init(labels: [String], counts: [[Int]], omittedLabels: Int? = nil) {
    precondition(
      counts.count == labels.count && counts.allSatisfy { $0.count == labels.count },
      "ConfusionMatrix: \(labels.count) labels, counts [\(counts.count)×\(counts.first?.count ?? 0)]"
    )
    self.labels = labels
    self.counts = counts
    self.omittedLabels = omittedLabels
  }

  /// The count for a gold and a predicted tag (0 for tags not in the matrix).
  public subscript(gold gold: String, predicted predicted: String) -> Int {
    guard let row = labels.firstIndex(of: gold), let column = labels.firstIndex(of: predicted)
    else { return 0 }
    return counts[row][column]
  }
}

/// One kind of error: words of gold tag `gold` predicted as `predicted`.
public struct Confusion: Sendable, Codable, Equatable {
  /// The gold tag.
  public var gold: String
  /// The predicted tag.
  public var predicted: String
  /// How many words were confused this way.
  public var count: Int
  /// Up to three distinct words confused this way, in order of first occurrence.
  public var examples: [String]

  /// Creates a confusion.
  public init(gold: String, predicted: String, count: Int, examples: [String]) {
    self.gold = gold
    self.predicted = predicted
    self.count = count
    self.examples = examples
  }
}
