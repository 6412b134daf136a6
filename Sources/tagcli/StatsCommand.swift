import ArgumentParser
import Corpora
import Foundation

/// `tagcli stats`: sentence, token and tag counts of corpus files.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Print sentence, token and tag counts of corpus files.")

  @OptionGroup var corpus: CorpusOptions

  func validate() throws {
    try corpus.requireOneLayer(command: "stats")
  }

  @Flag(name: .long, help: "Print one JSON object instead of a table.")
  var json = false

  @Argument(help: "Corpus files ('-' reads standard input).")
  var files: [String]

  func run() throws {
    var statistics = CorpusStatistics()
    var skipped: [CorpusError] = []
    for file in files {
      skipped += try corpus.readSentences(of: file) { sentence in
        guard !sentence.tokens.isEmpty else { return }  // a blank line of plain text
        // Words alone (a classifier's corpus) have no default layer: their tokens are untagged.
        let column =
          corpus.layer == .default
          ? corpus.layer.columnIndex(in: sentence)
          : try corpus.layer.column(in: sentence, file: file)
        statistics.add(sentence, tagColumn: column)
      }
    }
    print(json ? jsonReport(statistics, skipped: skipped) : tableReport(statistics, skipped))
    reportSkipped(skipped)
  }

  private func tableReport(_ statistics: CorpusStatistics, _ skipped: [CorpusError]) -> String {
    var lines = [
      "sentences        \(statistics.sentences)",
      "tokens           \(statistics.tokens)",
      "distinct words   \(statistics.distinctForms)",
      "non-word lines   \(statistics.extraLines)",
      "words/sentence   "
        + String(
          format: "%.2f (min %d, max %d)",
          statistics.meanSentenceLength, statistics.shortestSentence, statistics.longestSentence),
      "skipped          \(skipped.count) malformed sentences",
      "tags (\(corpus.layer))  \(statistics.tagCounts.count) distinct"
        + (statistics.untaggedTokens > 0
          ? ", \(statistics.untaggedTokens) tokens without one" : ""),
    ]
    let width = max(3, statistics.tagCounts.keys.map(\.count).max() ?? 3)
    for (tag, count) in statistics.sortedTagCounts {
      let share = 100 * Double(count) / Double(max(statistics.tokens, 1))
      lines.append(
        "  " + tag.padding(toLength: width, withPad: " ", startingAt: 0)
          + String(format: " %9d %6.2f%%", count, share))
    }
    return (lines + labelLines(statistics)).joined(separator: "\n")
  }

  /// The label counts, when a sentence has a label or `--label` asks for them.
  private func labelLines(_ statistics: CorpusStatistics) -> [String] {
    guard corpus.label != nil || !statistics.labelCounts.isEmpty else { return [] }
    var lines = [
      "labels (\(corpus.label ?? statistics.labelKeys.sorted().joined(separator: ", ")))  "
        + "\(statistics.labelCounts.count) distinct, "
        + "\(statistics.unlabelledSentences) sentences without one"
    ]
    let width = max(5, statistics.labelCounts.keys.map(\.count).max() ?? 5)
    let sorted = statistics.labelCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
    for (label, count) in sorted {
      let share = 100 * Double(count) / Double(max(statistics.sentences, 1))
      lines.append(
        "  " + label.padding(toLength: width, withPad: " ", startingAt: 0)
          + String(format: " %9d %6.2f%%", count, share))
    }
    return lines
  }

  private func jsonReport(_ statistics: CorpusStatistics, skipped: [CorpusError]) -> String {
    var object: [String: Any] = [
      "sentences": statistics.sentences, "tokens": statistics.tokens,
      "distinct_words": statistics.distinctForms, "non_word_lines": statistics.extraLines,
      "mean_sentence_length": statistics.meanSentenceLength,
      "min_sentence_length": statistics.shortestSentence,
      "max_sentence_length": statistics.longestSentence,
      "skipped_sentences": skipped.count, "tag_layer": corpus.layer.description,
      "tags": statistics.tagCounts, "untagged_tokens": statistics.untaggedTokens,
    ]
    if corpus.label != nil || !statistics.labelCounts.isEmpty {
      object["labels"] = statistics.labelCounts
      object["unlabelled_sentences"] = statistics.unlabelledSentences
    }
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}

/// Prints the one-line summary of skipped sentences to standard error (lenient mode).
func reportSkipped(_ skipped: [CorpusError]) {
  guard !skipped.isEmpty else { return }
  let first = skipped.prefix(3).map(\.description).joined(separator: "; ")
  let more = skipped.count > 3 ? "; …" : ""
  FileHandle.standardError.write(
    Data("skipped \(skipped.count) malformed sentence(s): \(first)\(more)\n".utf8))
}
