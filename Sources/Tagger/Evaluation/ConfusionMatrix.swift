/// Counts of gold tag × predicted tag, over the union of both tag sets.
public struct ConfusionMatrix: Sendable, Codable, Equatable {
  /// The tags, sorted; they label both the rows (gold) and the columns (predicted).
  public var labels: [String]
  /// `counts[g][p]`: words with gold tag `labels[g]` predicted as `labels[p]`.
  public var counts: [[Int]]

  /// Creates a matrix; `counts` is `[labels.count, labels.count]`.
  public init(labels: [String], counts: [[Int]]) {
    precondition(
      counts.count == labels.count && counts.allSatisfy { $0.count == labels.count },
      "ConfusionMatrix: \(labels.count) labels, counts [\(counts.count)×\(counts.first?.count ?? 0)]"
    )
    self.labels = labels
    self.counts = counts
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
