import Foundation
import Tagger
import Testing

/// `tag` writes a line longer than `--max-sentence-length` window by window, with the tags the
/// library's windowed tagging gives, in the same layout as a short line.
@Suite struct TagLongLineTests {
  @Test(arguments: ["wordtag", "tsv", "conllu"])
  func longLineIsTaggedInWindowsAndWrittenWhole(output: String) throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("tiny.tagger").path
      let training = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--epochs", "2", "-o", model]
          + TrainAndTagCommandTests.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      let words = (0..<45).map { ["the", "old", "dog", "runs", "a/b", "."][$0 % 6] }
      let tagged = try CorpusCommandSupport.run(
        [
          "tag", "-m", model, "--pretokenized", "--max-sentence-length", "8", "--output", output,
        ],
        input: "dogs sleep\n" + words.joined(separator: " ") + "\n")
      #expect(tagged.status == 0, "\(tagged.stderr)")
      let loaded = try ModelFile.load(from: model)
      let expected = loaded.predictInWindows([["dogs", "sleep"], words], maxLength: 8)
        .map { $0.map(\.tag) }
      if output == "wordtag" {
        let lines = tagged.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.count == 2)
        #expect(lines.last?.map { String($0.split(separator: "/").last ?? "") } == expected[1])
        #expect(lines.last?.count == words.count)
      } else if output == "conllu" {
        // One block per line: the whole line's `# text`, then IDs 1…45 across the windows.
        let sentences = tagged.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(sentences.count == 2)
        let lines = sentences.last?.split(separator: "\n") ?? []
        #expect(lines.first.map(String.init) == "# text = " + words.joined(separator: " "))
        let rows = lines.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.map { String($0[0]) } == (1...words.count).map(String.init))
        #expect(rows.map { String($0[1]) } == words)
        #expect(rows.map { String($0[3]) } == expected[1])
        #expect(tagged.stdout.hasSuffix("\n\n"))
      } else {
        let sentences = tagged.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(sentences.count == 2)
        let rows = sentences.last?.split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(rows?.map { String($0[0]) } == words)
        #expect(rows?.map { String($0[1]) } == expected[1])
      }
    }
  }
}
