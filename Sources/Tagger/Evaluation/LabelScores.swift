/// Sentence-label figures: accuracy, per-label precision/recall/F1, macro and weighted averages,
/// the confusion matrix and the most frequent confusions with example sentences.
///
/// Encoded as the `labels` object of `tagcli eval --json`.
public struct LabelScores: Sendable, Codable, Equatable {
  /// Sentences scored.
  public var sentences: Int
  /// Sentences whose predicted label is the gold one.
  public var correct: Int
  /// `correct / sentences`, in percent.
  public var accuracy: Double
  /// Figures per gold or predicted label.
  public var perLabel: [String: TagScores]
  /// The unweighted mean over the gold labels.
  public var macroAverage: AveragedScores
  /// The mean over the gold labels weighted by their support.
  public var weightedAverage: AveragedScores
  /// Gold label (rows) against predicted label (columns), labels sorted.
  public var confusion: ConfusionMatrix
  /// The most frequent (gold, predicted) errors, each with example sentences.
  public var topConfusions: [Confusion]
  /// Gold labels the model cannot predict (seen only in the evaluated data), sorted; nil when
  /// the known labels were not given.
  public var unknownLabels: [String]?

  /// The labels by descending support (ties by name).
  public var labelsBySupport: [(label: String, scores: TagScores)] {
    perLabel.map { (label: $0.key, scores: $0.value) }.sorted {
      ($0.scores.support, $1.label) > ($1.scores.support, $0.label)
    }
  }

  enum CodingKeys: String, CodingKey {
    case sentences, correct, accuracy, confusion
    case perLabel = "per_label"
    case macroAverage = "macro_average"
    case weightedAverage = "weighted_average"
    case topConfusions = "top_confusions"
    case unknownLabels = "unknown_labels"
  }
}

/// Accumulates gold and predicted sentence labels and computes `LabelScores`.
///
/// Independent of any model: it takes labels, as `TagEvaluator` takes tags.
public struct LabelEvaluator: Sendable {
  /// What a sentence without a predicted label (an empty one) counts as.
  public static let noPrediction = "(none)"
  /// Example sentences kept per confusion.
  static let examplesPerConfusion = 3

  private let knownLabels: Set<String>?
  private var pairs: [ConfusionKey: (count: Int, examples: [String])] = [:]

  private struct ConfusionKey: Hashable {
    var gold: String
    var predicted: String
  }

  /// An empty evaluator; `knownLabels` (the model's labels) lets the scores name gold labels
  /// the model cannot predict.
  public init(knownLabels: Set<String>? = nil) {
    self.knownLabels = knownLabels
  }

  /// Adds one sentence.
  public mutating func add(gold: String, predicted: String?, words: [String]) {
    let key = ConfusionKey(gold: gold, predicted: predicted ?? Self.noPrediction)
    var entry = pairs[key] ?? (0, [])
    entry.count += 1
    if key.gold != key.predicted, entry.examples.count < Self.examplesPerConfusion {
      entry.examples.append(words.joined(separator: " "))
    }
    pairs[key] = entry
  }

  /// The figures so far, listing at most `confusionLimit` confusions.
  public func scores(confusionLimit: Int = 10) -> LabelScores {
    var gold: [String: Int] = [:]
    var predicted: [String: Int] = [:]
    var correct: [String: Int] = [:]
    for (key, entry) in pairs {
      gold[key.gold, default: 0] += entry.count
      predicted[key.predicted, default: 0] += entry.count
      if key.gold == key.predicted { correct[key.gold, default: 0] += entry.count }
    }
    let labels = Set(gold.keys).union(predicted.keys).sorted()
    var perLabel: [String: TagScores] = [:]
    for label in labels {
      perLabel[label] = TagScores(
        support: gold[label] ?? 0, predicted: predicted[label] ?? 0, correct: correct[label] ?? 0)
    }
    let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
    for (key, entry) in pairs {
      if let row = index[key.gold], let column = index[key.predicted] {
        counts[row][column] += entry.count
      }
    }
    let total = gold.values.reduce(0, +)
    let right = correct.values.reduce(0, +)
    let goldScores = perLabel.filter { gold[$0.key] != nil }.map(\.value)
    return LabelScores(
      sentences: total, correct: right, accuracy: percentage(right, of: total),
      perLabel: perLabel, macroAverage: .macro(goldScores), weightedAverage: .weighted(goldScores),
      confusion: ConfusionMatrix(labels: labels, counts: counts),
      topConfusions: topConfusions(limit: confusionLimit),
      unknownLabels: knownLabels.map { known in gold.keys.filter { !known.contains($0) }.sorted() })
  }

  private func topConfusions(limit: Int) -> [Confusion] {
    pairs.filter { $0.key.gold != $0.key.predicted }
      .sorted {
        ($0.value.count, $1.key.gold, $1.key.predicted)
          > ($1.value.count, $0.key.gold, $0.key.predicted)
      }
      .prefix(limit)
      .map {
        Confusion(
          gold: $0.key.gold, predicted: $0.key.predicted, count: $0.value.count,
          examples: $0.value.examples)
      }
  }
}
