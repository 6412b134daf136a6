import ArgumentParser
import Corpora
import Foundation
import Testing

@testable import tagcli

@Suite struct ConvertCommandTests {
  @Test func outputFormatComesFromToOrTheExtension() throws {
    let byExtension = try #require(
      try TagCLI.parseAsRoot(["convert", "in.txt", "-o", "out.conllu"]) as? ConvertCommand)
    #expect(byExtension.outputFormat == .conllu)
    let byFlag = try #require(
      try TagCLI.parseAsRoot(["convert", "in.txt", "-o", "out.conllu", "--to", "jsonl"])
        as? ConvertCommand)
    #expect(byFlag.outputFormat == .jsonl)
  }

  @Test(arguments: [
    ["convert", "in.txt"],
    ["convert", "in.txt", "-o", "out.txt"],
    ["convert", "in.txt", "-o", "-"],
    ["convert", "in.txt", "-o", "out.conllu", "--to", "nope"],
    ["convert", "-o", "out.conllu"],
    ["convert", "in.txt", "-o", "out.conllu", "--format", "nope"],
  ])
  func rejectsBadArguments(arguments: [String]) {
    #expect(throws: (any Error).self) { _ = try TagCLI.parseAsRoot(arguments) }
  }

  /// A column CoNLL-U has no place for (here `chunk`) is kept in MISC, not dropped.
  @Test func columnFileToCoNLLUOnStandardOutput() throws {
    let result = try CorpusCommandSupport.run([
      "convert", try CorpusCommandSupport.fixture("chunks.txt"), "-o", "-", "--to", "conllu",
    ])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(
      result.stdout == """
        1\tConfidence\t_\t_\tNN\t_\t_\t_\t_\tchunk=B-NP
        2\tin\t_\t_\tIN\t_\t_\t_\t_\tchunk=B-PP
        3\tthe\t_\t_\tDT\t_\t_\t_\t_\tchunk=B-NP
        4\tpound\t_\t_\tNN\t_\t_\t_\t_\tchunk=I-NP

        1\tHe\t_\t_\tPRP\t_\t_\t_\t_\tchunk=B-NP
        2\tsaid\t_\t_\tVBD\t_\t_\t_\t_\tchunk=B-VP
        3\t.\t_\t_\t.\t_\t_\t_\t_\tchunk=O


        """)
  }

  @Test func convertsThroughJSONLinesAndBackByExtension() throws {
    let input = try CorpusCommandSupport.fixture("chunks.txt")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let json = directory.appendingPathComponent("chunks.jsonl").path
      let first = try CorpusCommandSupport.run(["convert", input, "-o", json])
      #expect(first.status == 0)
      let back = try CorpusCommandSupport.run([
        "convert", json, "-o", "-", "--to", "columns",
      ])
      #expect(back.stdout == (try String(contentsOfFile: input, encoding: .utf8)))
      let wordTag = try CorpusCommandSupport.run([
        "convert", json, "-o", "-", "--to", "wordtag", "--tag", "pos",
      ])
      #expect(wordTag.stdout == "Confidence/NN in/IN the/DT pound/NN\nHe/PRP said/VBD ./.\n")
    }
  }

  @Test func strictModeFailsWithTheErrorAndLenientModeSummarises() throws {
    let input = try CorpusCommandSupport.fixture("one-bad-sentence.txt")
    let strict = try CorpusCommandSupport.run(["convert", input, "-o", "-", "--to", "tsv"])
    #expect(strict.status == 1)
    #expect(
      strict.stderr.contains(
        "one-bad-sentence.txt:3: expected 3 columns like the first line, found 2: \"Bad NN\""))
    let lenient = try CorpusCommandSupport.run([
      "convert", input, "-o", "-", "--to", "tsv", "--skip-malformed",
    ])
    #expect(lenient.status == 0)
    #expect(lenient.stdout == "Good\tJJ\tO\n\nFine\tJJ\tO\n\n")
    #expect(lenient.stderr.hasPrefix("skipped 1 malformed sentence(s): "))
  }

  /// A word with a tab would shift the CoNLL-U columns: the conversion stops at the sentence's
  /// line in the input and leaves no output.
  @Test func aValueTheOutputCannotHoldIsRefusedAtItsInputLine() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let input = directory.appendingPathComponent("words.jsonl").path
      try Data(
        (#"{"words": ["fine"], "tags": ["N"]}"# + "\n"
          + #"{"words": ["a\tb", "c"], "tags": ["N", "V"]}"# + "\n").utf8
      ).write(to: URL(fileURLWithPath: input))
      let output = directory.appendingPathComponent("words.conllu").path
      let result = try CorpusCommandSupport.run(["convert", input, "-o", output])
      #expect(result.status == 1)
      #expect(
        result.stderr.contains(
          "words.jsonl:2: the sentence cannot be written to \(output): the form of token 1 "
            + "holds a tab, which a CoNLL-U field cannot hold (JSON Lines and XML can): "
            + "\"a\\tb\""), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: output))
      let tsv = try CorpusCommandSupport.run([
        "convert", input, "-o", "-", "--to", "tsv",
      ])
      #expect(tsv.status == 0)
      #expect(tsv.stdout.contains("a b\tN\n"))
    }
  }
}
