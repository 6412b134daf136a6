/// Counts over a corpus: sentences, tokens, the tag distribution of one layer and sentence lengths.
///
/// Accumulates sentence by sentence, so a whole corpus is counted in O(tags) memory.
public struct CorpusStatistics: Sendable, Equatable {
  /// Number of sentences.
  public private(set) var sentences = 0
  /// Number of tagging units.
  public private(set) var tokens = 0
  /// Lines kept for round trips that are not tagging units (multiword ranges, empty nodes).
  public private(set) var extraLines = 0
  /// How often each tag of the chosen layer occurs (tokens without one aside).
  public private(set) var tagCounts: [String: Int] = [:]
  /// Tokens with no value in the chosen layer (plain text, an XML token without the attribute):
  /// counted here, not as a tag "".
  public private(set) var untaggedTokens = 0
  /// Sentences per sentence label.
  public private(set) var labelCounts: [String: Int] = [:]
  /// The keys the labels were found under (`label`, `class`…).
  public private(set) var labelKeys: Set<String> = []
  /// Sentences without a label.
  public private(set) var unlabelledSentences = 0
  /// The shortest and longest sentence, in tokens.
  public private(set) var shortestSentence = 0
  /// The longest sentence, in tokens.
  public private(set) var longestSentence = 0
  /// Distinct word forms.
  public var distinctForms: Int { forms.count }
  private var forms: Set<String> = []

  /// Empty statistics.
  public init() {}

  /// Counts one sentence, reading tags from column `tagColumn` (nil: it has none, and its
  /// tokens count as untagged).
  public mutating func add(_ sentence: Sentence, tagColumn: Int?) {
    sentences += 1
    tokens += sentence.tokens.count
    extraLines += sentence.extraLines.count
    if let label = sentence.label {
      labelCounts[label, default: 0] += 1
      labelKeys.insert(sentence.labelKey)
    } else {
      unlabelledSentences += 1
    }
    for token in sentence.tokens {
      let tag = tagColumn.map { token.values[$0] } ?? ""
      if tag.isEmpty { untaggedTokens += 1 } else { tagCounts[tag, default: 0] += 1 }
      forms.insert(token.form)
    }
    let length = sentence.tokens.count
    shortestSentence = sentences == 1 ? length : min(shortestSentence, length)
    longestSentence = max(longestSentence, length)
  }

  /// Mean sentence length in tokens.
  public var meanSentenceLength: Double {
    sentences == 0 ? 0 : Double(tokens) / Double(sentences)
  }

  /// Tags with their counts, most frequent first (ties by name).
  public var sortedTagCounts: [(tag: String, count: Int)] {
    tagCounts.map { (tag: $0.key, count: $0.value) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.tag < $1.tag }
  }
}
