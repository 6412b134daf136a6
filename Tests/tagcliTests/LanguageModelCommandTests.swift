import Foundation
import Testing

@testable import Tagger
@testable import tagcli

/// `tagcli lm train`, `tagcli lm eval` and `tagcli generate`, end to end on a tiny text, and their
/// flag validation.
@Suite(.serialized) struct LanguageModelCommandTests {
  static let tinyNetwork = [
    "--layers", "1", "--hidden", "16", "--embedding-dim", "8", "--dropout", "0", "--seed", "3",
    "--batch-size", "2", "--lr", "0.02", "--lr-decay", "1", "--patience", "100",
  ]

  @Test func trainEvalAndGenerateWorkTogether() throws {
    let text = try CorpusCommandSupport.fixture("lm-lines.txt")
    let corpus = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("tiny.lm").path
      let training = try CorpusCommandSupport.run(
        ["lm", "train", text, "--dev", text, "--epochs", "30", "-o", model] + Self.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      #expect(training.stdout.contains("train: 4 lines"), "blank lines are skipped")
      #expect(training.stdout.contains("epoch  30"))

      let evaluated = try CorpusCommandSupport.run(["lm", "eval", "-m", model, text, "--json"])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
      // 23 + 23 + 16 + 8 scalars and four <eos>.
      #expect(json["characters"] as? Int == 74)
      let bits = try #require(json["bits_per_char"] as? Double)
      let perplexity = try #require(json["perplexity"] as? Double)
      #expect(bits > 0 && bits < 1.5, "a memorised text is cheap: \(bits)")
      #expect(abs(perplexity - pow(2, bits)) < 1e-4 * perplexity)
      let loaded = try LanguageModelFile.load(from: model)
      let score = loaded.score([
        "the cat sat on the mat.", "the dog sat on the log.",
        "a cat and a dog.", "the end.",
      ])
      #expect(abs(score.bitsPerCharacter - bits) < 1e-5)

      // A corpus gives its `# text` lines (or words joined); the model has seen every scalar.
      let onCorpus = try CorpusCommandSupport.run(["lm", "eval", "-m", model, corpus])
      #expect(onCorpus.status == 0, "\(onCorpus.stderr)")
      #expect(onCorpus.stdout.contains("bits/char"))

      let seeded = ["generate", "-m", model, "-n", "3", "--seed", "9", "--max-length", "40"]
      let first = try CorpusCommandSupport.run(seeded)
      let second = try CorpusCommandSupport.run(seeded)
      #expect(first.status == 0, "\(first.stderr)")
      #expect(first.stdout == second.stdout, "the same seed gives the same lines")
      #expect(first.stdout.split(separator: "\n").count == 3)

      let greedy = try CorpusCommandSupport.run(
        ["generate", "-m", model, "--greedy", "--prefix", "the d", "--json"])
      let beam = try CorpusCommandSupport.run(
        ["generate", "-m", model, "--beam", "1", "--prefix", "the d", "--json"])
      #expect(greedy.status == 0 && beam.status == 0, "\(greedy.stderr)\(beam.stderr)")
      #expect(greedy.stdout == beam.stdout, "greedy is beam 1")
      // The prefix starts the line; `length` counts the generated scalars only.
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(greedy.stdout.utf8)) as? [String: Any])
      let line = try #require(object["text"] as? String)
      #expect(line.hasPrefix("the d") && line.hasSuffix("."), "\(line)")
      #expect(object["length"] as? Int == line.unicodeScalars.count - 5)
      #expect((object["log_probability"] as? Double ?? 0) < 0)
      #expect(object["complete"] as? Bool == true)

      let unknown = try CorpusCommandSupport.run(
        ["generate", "-m", model, "--prefix", "Zé", "--seed", "1", "--max-length", "5"])
      #expect(unknown.status == 0)
      #expect(unknown.stderr.contains("\"Z\" (U+5A) is not in the model's vocabulary"))
      #expect(unknown.stderr.contains("\"é\" (U+E9)"))

      let beams = try CorpusCommandSupport.run(["generate", "-m", model, "--beam", "3"])
      #expect(beams.stdout.split(separator: "\n").count == 3)
    }
  }

  @Test func taskMismatchesAreRefusedClearly() throws {
    let text = try CorpusCommandSupport.fixture("lm-lines.txt")
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let lm = directory.appendingPathComponent("tiny.lm").path
      let tagger = directory.appendingPathComponent("tiny.tagger").path
      _ = try CorpusCommandSupport.run(
        ["lm", "train", text, "--dev", text, "--epochs", "1", "-o", lm] + Self.tinyNetwork)
      _ = try CorpusCommandSupport.run(
        [
          "train", train, "--dev", train, "--epochs", "1", "-o", tagger, "--tag", "upos",
          "--layers", "1", "--hidden", "4", "--word-dim", "4", "--char-hidden", "0", "--seed", "1",
        ])
      let tag = try CorpusCommandSupport.run(["tag", "-m", lm], input: "the cat\n")
      #expect(tag.status != 0)
      #expect(
        tag.stderr.contains(
          "\(lm): this is a character language model (\"task\": \"lm\"), not a tagger"))
      let generate = try CorpusCommandSupport.run(["generate", "-m", tagger])
      #expect(generate.status != 0)
      #expect(
        generate.stderr.contains(
          "\(tagger): this is a tagger model, not a character language model"))
      let eval = try CorpusCommandSupport.run(["lm", "eval", "-m", tagger, text])
      #expect(eval.status != 0 && eval.stderr.contains("this is a tagger model"))
    }
  }

  @Test func emptyInputIsAnError() throws {
    let blank = try CorpusCommandSupport.fixture("lm-blank-lines.txt")
    let result = try CorpusCommandSupport.run([
      "lm", "train", blank, "-o", CorpusCommandSupport.neverWrittenPath("lm"),
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("no text: the input is empty or has only blank lines"))
  }

  /// `-` reads the text from standard input (with `--format`, as the other commands): it said
  /// "cannot read the file" for `--format plain`, and "give --format" without it.
  @Test func textComesFromStandardInput() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("stdin.lm").path
      let text = "the dog runs\na cat sleeps\nthe cat runs\n"
      let dev = directory.appendingPathComponent("dev.txt").path
      try text.write(toFile: dev, atomically: true, encoding: .utf8)
      let trained = try CorpusCommandSupport.run(
        ["lm", "train", "-", "--format", "plain", "--dev", dev, "--epochs", "2", "-o", model]
          + Self.tinyNetwork, input: text)
      #expect(trained.status == 0, "\(trained.stderr)")
      let piped = try CorpusCommandSupport.run(
        ["lm", "eval", "-m", model, "-", "--format", "plain", "--json"], input: text)
      let file = try CorpusCommandSupport.run(["lm", "eval", "-m", model, dev, "--json"])
      #expect(piped.status == 0, "\(piped.stderr)")
      #expect(piped.stdout == file.stdout, "the same lines, the same score")
      let empty = try CorpusCommandSupport.run(
        [
          "lm", "train", "-", "--format", "plain", "-o",
          CorpusCommandSupport.neverWrittenPath("lm"),
        ],
        input: "\n \n")
      #expect(empty.status != 0)
      #expect(empty.stderr.contains("-: no text"), "\(empty.stderr)")
    }
  }

  /// A line of whitespace scalars is blank; a combining mark after a space is one whitespace
  /// character with it, but it is text, and the model reads scalars, so its line is kept.
  @Test func aLineWithOnlyACombiningMarkIsNotBlank() throws {
    #expect(TextLineInput.isBlank(" \t\u{00A0}\u{3000}"))
    #expect(TextLineInput.isBlank(""))
    #expect(!TextLineInput.isBlank(" \u{301}"))
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let text = directory.appendingPathComponent("marks.txt")
      try Data("a\n \n \u{301}\n".utf8).write(to: text)
      #expect(try TextLineInput.plainLines(text.path) == ["a", " \u{301}"])
    }
  }

  /// `lm train a.txt --dev a.txt -o a.txt` once replaced the corpus by the model.
  @Test(arguments: [
    (["-o", "corpus.txt"], "-o"),
    (["-o", "dev.txt"], "-o"),
    (["-o", "m.lm", "--checkpoint", "corpus.txt"], "--checkpoint"),
    (["-o", "link.txt"], "-o"),
  ])
  func trainNeverWritesOverItsInputs(flags: [String], option: String) throws {
    let text = try String(
      contentsOfFile: CorpusCommandSupport.fixture("lm-lines.txt"), encoding: .utf8)
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
      try text.write(toFile: path("corpus.txt"), atomically: false, encoding: .utf8)
      try text.write(toFile: path("dev.txt"), atomically: false, encoding: .utf8)
      try FileManager.default.createSymbolicLink(
        atPath: path("link.txt"), withDestinationPath: path("corpus.txt"))
      let outputs = flags.map { $0.hasPrefix("-") ? $0 : path($0) }
      let result = try CorpusCommandSupport.run(
        ["lm", "train", path("corpus.txt"), "--dev", path("dev.txt"), "--epochs", "1"] + outputs
          + Self.tinyNetwork)
      #expect(result.status != 0)
      #expect(
        result.stderr.contains("\(option) \(path(flags[flags.count - 1])) is also an input"),
        "\(result.stderr)")
      for name in ["corpus.txt", "dev.txt"] {
        #expect(
          try String(contentsOfFile: path(name), encoding: .utf8) == text, "\(name) is intact")
      }
      #expect(!FileManager.default.fileExists(atPath: path("m.lm")))
    }
  }

  @Test(arguments: [
    (["--temperature=-1"], "--temperature must be 0 (greedy) or positive"),
    (["--top-k", "0"], "--top-k must be at least 1"),
    (["--beam", "0"], "--beam must be at least 1"),
    (["--beam", "2", "-n", "3"], "--beam K prints K lines; drop -n"),
    (["--greedy", "--temperature", "0.5"], "--greedy cannot be combined"),
    (["--prefix", "ab\ncd"], "--prefix holds a line break"),
    (["--prefix", "ab\r"], "give --json to keep it"),
  ])
  func generateRefusesBadFlags(flags: [String], message: String) {
    #expect {
      _ = try TagCLI.parseAsRoot(["generate", "-m", "x.lm"] + flags)
    } throws: { error in
      TagCLI.message(for: error).contains(message)
    }
  }

  @Test func temperatureZeroIsAccepted() throws {
    let command = try TagCLI.parseAsRoot(["generate", "-m", "x.lm", "--temperature", "0"])
    #expect((command as? GenerateCommand)?.temperature == 0)
  }

  /// JSON escapes the line break, so each generated line stays one line of output.
  @Test func aPrefixWithALineBreakIsAcceptedWithJSON() throws {
    let command = try TagCLI.parseAsRoot(["generate", "-m", "x.lm", "--prefix", "a\nb", "--json"])
    #expect((command as? GenerateCommand)?.prefix == "a\nb")
  }
}

/// Lines too long to train on are refused by file and line; `lm eval` scores any length.
@Suite struct LanguageModelLongLineTests {
  @Test func aTrainingLineOverTheLimitIsRefusedByLineAndEvalScoresIt() throws {
    let text = try CorpusCommandSupport.fixture("lm-lines.txt")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let long = directory.appendingPathComponent("long.txt").path
      let line = String(repeating: "the cat sat. ", count: 300)  // 3,900 scalars
      try ("short line\n\n" + line + "\n").write(toFile: long, atomically: true, encoding: .utf8)
      let model = directory.appendingPathComponent("tiny.lm").path
      let refused = try CorpusCommandSupport.run(
        ["lm", "train", long, "--dev", text, "--epochs", "1", "-o", model]
          + LanguageModelCommandTests.tinyNetwork)
      #expect(refused.status != 0)
      #expect(refused.stderr.contains("\(long):3:"), "\(refused.stderr)")
      #expect(refused.stderr.contains("3900 characters"), "\(refused.stderr)")
      #expect(!FileManager.default.fileExists(atPath: model))

      let training = try CorpusCommandSupport.run(
        ["lm", "train", text, "--dev", text, "--epochs", "1", "-o", model]
          + LanguageModelCommandTests.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      let evaluated = try CorpusCommandSupport.run(["lm", "eval", "-m", model, long, "--json"])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
      #expect(json["characters"] as? Int == 10 + 1 + 3_900 + 1)
    }
  }
}
