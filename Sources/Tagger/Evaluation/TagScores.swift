/// Precision, recall and F1 of one class: a tag, a chunk type, or all chunks together.
///
/// Percentages are 0-100. A ratio whose denominator is zero is 0 (a tag never predicted has
/// precision 0), so every figure is finite and encodes as JSON.
public struct TagScores: Sendable, Codable, Equatable {
  /// Gold occurrences (words with the tag, or gold chunks of the type).
  public var support: Int
  /// Predicted occurrences.
  public var predicted: Int
  /// Predicted occurrences that are right.
  public var correct: Int
  /// `100 · correct / predicted`.
  public var precision: Double
  /// `100 · correct / support` (for a tag, the accuracy on words whose gold tag it is).
  public var recall: Double
  /// The harmonic mean of precision and recall.
  public var f1: Double

  /// Computes the ratios from the three counts.
  public init(support: Int, predicted: Int, correct: Int) {
    precondition(
      correct <= support && correct <= predicted,
      "TagScores: correct \(correct) exceeds support \(support) or predicted \(predicted)")
    self.support = support
    self.predicted = predicted
    self.correct = correct
    precision = percentage(correct, of: predicted)
    recall = percentage(correct, of: support)
    f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
  }
}

/// Precision, recall and F1 averaged over tags.
public struct AveragedScores: Sendable, Codable, Equatable {
  /// Averaged precision, 0-100.
  public var precision: Double
  /// Averaged recall, 0-100.
  public var recall: Double
  /// Averaged F1 (the mean of the per-tag F1 values, not the F1 of the means), 0-100.
  public var f1: Double

  /// Creates averages.
  public init(precision: Double, recall: Double, f1: Double) {
    self.precision = precision
    self.recall = recall
    self.f1 = f1
  }

  /// The plain mean over `tags` (every tag counts once), or zeros when there are none.
  static func macro(_ tags: some Collection<TagScores>) -> AveragedScores {
    let count = Double(max(tags.count, 1))
    return AveragedScores(
      precision: tags.map(\.precision).reduce(0, +) / count,
      recall: tags.map(\.recall).reduce(0, +) / count,
      f1: tags.map(\.f1).reduce(0, +) / count)
  }

  /// The mean weighted by support, or zeros when the support is zero.
  static func weighted(_ tags: some Collection<TagScores>) -> AveragedScores {
    let total = Double(max(tags.map(\.support).reduce(0, +), 1))
    func mean(_ metric: KeyPath<TagScores, Double>) -> Double {
      tags.map { Double($0.support) * $0[keyPath: metric] }.reduce(0, +) / total
    }
    return AveragedScores(precision: mean(\.precision), recall: mean(\.recall), f1: mean(\.f1))
  }
}

/// `100 · part / whole`, or 0 when `whole` is 0.
func percentage(_ part: Int, of whole: Int) -> Double {
  whole > 0 ? 100 * Double(part) / Double(whole) : 0
}
