import ArgumentParser
import Foundation
import Testing

@testable import tagcli

@Suite struct StatsCommandTests {
  @Test func rejectsUnknownFormat() throws {
    #expect(throws: (any Error).self) {
      _ = try TagCLI.parseAsRoot(["stats", "--format", "nope", "x.conllu"])
    }
  }

  @Test func parsesColumnOptions() throws {
    let command = try TagCLI.parseAsRoot([
      "stats", "--columns", "pos word,chunk", "--word-column", "2", "--format", "columns", "x",
    ])
    let stats = try #require(command as? StatsCommand)
    #expect(stats.corpus.readerOptions.columnNames == ["pos", "word", "chunk"])
    #expect(stats.corpus.readerOptions.wordColumn == 2)
    #expect(stats.corpus.corpusFormat == .columns)
  }

  @Test(arguments: [
    ["stats", "--word-column", "0", "x"],
    ["stats", "--columns", "word pos", "--word-column", "3", "x"],
    ["stats", "--columns", " ", "x"],
  ])
  func rejectsBadColumnOptions(arguments: [String]) {
    #expect(throws: (any Error).self) { _ = try TagCLI.parseAsRoot(arguments) }
  }

  @Test func jsonReportOfAColumnFile() throws {
    let result = try CorpusCommandSupport.run([
      "stats", "--json", try CorpusCommandSupport.fixture("chunks.txt"),
    ])
    #expect(result.status == 0)
    #expect(
      result.stdout
        == "{\"distinct_words\":7,\"max_sentence_length\":4,\"mean_sentence_length\":3.5,"
        + "\"min_sentence_length\":3,\"non_word_lines\":0,\"sentences\":2,\"skipped_sentences\":0,"
        + "\"tag_layer\":\"default\",\"tags\":{\"B-NP\":3,\"B-PP\":1,\"B-VP\":1,\"I-NP\":1,\"O\":1},\"tokens\":7,"
        + "\"untagged_tokens\":0}\n"
    )
  }

  /// Plain text has an empty tag column: its tokens are counted as untagged, not as a tag "".
  @Test func tokensWithoutATagAreNotATag() throws {
    let table = try CorpusCommandSupport.run(
      ["stats", "--format", "plain", "-"], input: "a dog\nruns\n")
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.contains("tags (default)  0 distinct, 3 tokens without one\n"))
    let json = try CorpusCommandSupport.run(
      ["stats", "--json", "--format", "plain", "-"], input: "a dog\nruns\n")
    #expect(json.stdout.contains("\"tags\":{},"), "\(json.stdout)")
    #expect(json.stdout.contains("\"untagged_tokens\":3"))
    let labels = try CorpusCommandSupport.run(
      ["stats", "--json", "--format", "jsonl", "--label", "label", "-"],
      input: "{\"label\":3,\"words\":[\"good\",\"film\"]}\n")
    #expect(labels.status == 0, "a classifier's corpus has no tag layer: \(labels.stderr)")
    #expect(labels.stdout.contains("\"labels\":{\"3\":1}"), "\(labels.stdout)")
    #expect(labels.stdout.contains("\"tags\":{},"), "\(labels.stdout)")
  }

  @Test func posLayerOfAColumnFileAndLenientSummary() throws {
    let result = try CorpusCommandSupport.run([
      "stats", "--json", "--tag", "pos", "--skip-malformed",
      try CorpusCommandSupport.fixture("one-bad-sentence.txt"),
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("\"tags\":{\"JJ\":2}"))
    #expect(result.stdout.contains("\"skipped_sentences\":1"))
    #expect(result.stderr.hasPrefix("skipped 1 malformed sentence(s): "))
    #expect(
      result.stderr.contains(
        "one-bad-sentence.txt:3: expected 3 columns like the first line, found 2"))
  }
}
