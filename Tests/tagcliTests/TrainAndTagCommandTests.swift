import Foundation
import Testing

@testable import Tagger
@testable import tagcli

/// End to end: `tagcli train` writes a model that `tagcli tag` and `tagcli eval -m` use.
@Suite(.serialized) struct TrainAndTagCommandTests {
  static let tinyNetwork = [
    "--layers", "1", "--hidden", "8", "--word-dim", "8", "--char-dim", "4", "--char-hidden", "4",
    "--dropout", "0", "--word-dropout", "0", "--min-word-count", "1", "--lr", "0.05",
    "--batch-size", "2", "--seed", "7", "--tag", "upos", "--lr-decay", "1", "--average", "0",
  ]

  /// Trains the tiny network on `train-tiny.conllu` for `epochs` into `directory` and returns the
  /// model's path.
  static func trainTinyModel(in directory: URL, named name: String, epochs: Int) throws -> String {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    let model = directory.appendingPathComponent(name).path
    let training = try CorpusCommandSupport.run(
      ["train", train, "--dev", train, "--epochs", String(epochs), "-o", model] + tinyNetwork)
    #expect(training.status == 0, "\(training.stderr)")
    return model
  }

  @Test func trainThenTagGivesTheLoadedModelsTags() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("tiny.tagger").path
      let training = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--epochs", "40", "--patience", "100", "-o", model]
          + Self.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      #expect(training.stdout.contains("epoch  40"))
      #expect(training.stdout.contains("accuracy 100.00 %"), "\(training.stdout)")
      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized"], input: "the old dog runs .\n\ndogs sleep !\n")
      #expect(tagged.status == 0, "\(tagged.stderr)")
      let loaded = try ModelFile.load(from: model)
      let expected = loaded.tags([["the", "old", "dog", "runs", "."], ["dogs", "sleep", "!"]])
      let lines = tagged.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count == 4, "two sentences, the empty line kept, and the final newline")
      #expect(lines[1].isEmpty)
      #expect(
        lines[0].split(separator: " ").map { String($0.split(separator: "/")[1]) } == expected[0])
      #expect(
        lines[2].split(separator: " ").map { String($0.split(separator: "/")[1]) } == expected[1])
      #expect(expected[0] == ["DET", "ADJ", "NOUN", "VERB", "PUNCT"])

      let evaluated = try CorpusCommandSupport.run([
        "eval", train, "-m", model, "--tag", "upos", "--json",
      ])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      #expect(evaluated.stdout.contains("\"accuracy\":100"))
    }
  }

  @Test func taggingAnUntaggedTreebankFillsTheLayerAndKeepsTheRest() throws {
    let untagged = try CorpusCommandSupport.fixture("xml-untagged-tiger.xml")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = try Self.trainTinyModel(in: directory, named: "xml.tagger", epochs: 3)
      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "tiger", "--tag", "pos", untagged])
      #expect(tagged.status == 0, "\(tagged.stderr)")
      let tags = try ModelFile.load(from: model).tags([["Guten", "Tag"], ["Ja", "!"]])
      #expect(
        tagged.stdout.contains("word=\"Guten\" id=\"s1_1\" lemma=\"gut\" pos=\"\(tags[0][0])\""),
        "\(tagged.stdout)")
      #expect(tagged.stdout.contains("word=\"!\" id=\"s2_2\" lemma=\"!\" pos=\"\(tags[1][1])\""))
    }
  }

  @Test func wordsWithoutATagColumnGetOneFromTheTagger() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = try Self.trainTinyModel(in: directory, named: "words.tagger", epochs: 3)
      let tags = try ModelFile.load(from: model).tags([["the", "dog"], ["dogs"]])
      let json = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "jsonl"],
        input: "{\"words\":[\"the\",\"dog\"]}\n{\"words\":[]}\n{\"words\":[\"dogs\"]}\n")
      #expect(json.status == 0, "\(json.stderr)")
      #expect(
        json.stdout.split(separator: "\n")
          == [
            "{\"words\":[\"the\",\"dog\"],\"upos\":[\"\(tags[0][0])\",\"\(tags[0][1])\"]}",
            "{\"words\":[],\"upos\":[]}", "{\"words\":[\"dogs\"],\"upos\":[\"\(tags[1][0])\"]}",
          ], "one answer per record, in place")
      let column = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "columns"], input: "the\ndog\n\ndogs\n")
      #expect(column.status == 0, "\(column.stderr)")
      #expect(column.stdout == "the \(tags[0][0])\ndog \(tags[0][1])\n\ndogs \(tags[1][0])\n\n")
      let numbered = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "columns", "--tag", "2"], input: "the\ndog\n")
      #expect(numbered.status == 1)
      #expect(numbered.stderr.contains("-:1: no tag layer \"2\""), "\(numbered.stderr)")
    }
  }

  /// Labelled lines have no place for tags: a tagger's answer to them was the input itself,
  /// unchanged, with exit status 0. It is now word/TAG, the line's label before the words.
  @Test func labelledLinesGetTheirTagsAsWordTag() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = try Self.trainTinyModel(in: directory, named: "labelled.tagger", epochs: 2)
      let tags = try ModelFile.load(from: model).tags([["the", "dog"]])[0]
      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "labeled"], input: "greet\tthe dog\n")
      #expect(tagged.status == 0, "\(tagged.stderr)")
      #expect(tagged.stdout == "greet\tthe/\(tags[0]) dog/\(tags[1])\n")
    }
  }

  /// A model of the format's default layer (trained without `--tag`) once took the words
  /// themselves for that layer in input with words alone: it wrote its tags over them
  /// (`{"words":["DT","NN"]}`, exit 0), and `train` learned the words as tags.
  @Test func aDefaultLayerModelNeverTakesTheWordsForTags() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let tagged = directory.appendingPathComponent("tagged.jsonl").path
      try Data(
        """
        {"words":["the","dog"],"tags":["DT","NN"]}
        {"words":["a","cat"],"tags":["DT","NN"]}

        """.utf8
      ).write(to: URL(fileURLWithPath: tagged))
      let model = directory.appendingPathComponent("default.tagger").path
      var network = Self.tinyNetwork
      let tagOption = try #require(network.firstIndex(of: "--tag"))
      network.removeSubrange(tagOption...(tagOption + 1))  // the format's default layer
      let training = try CorpusCommandSupport.run(
        ["train", tagged, "--dev", tagged, "--epochs", "2", "-o", model] + network)
      #expect(training.status == 0, "\(training.stderr)")
      let tags = try ModelFile.load(from: model).tags([["a", "dog"]])[0]
      let json = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "jsonl"], input: "{\"words\":[\"a\",\"dog\"]}\n")
      #expect(json.status == 0, "\(json.stderr)")
      #expect(
        json.stdout == "{\"words\":[\"a\",\"dog\"],\"tags\":[\"\(tags[0])\",\"\(tags[1])\"]}\n")
      let column = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "columns"], input: "a\ndog\n")
      #expect(column.stdout == "a \(tags[0])\ndog \(tags[1])\n\n", "\(column.stderr)")
      let conllu = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "jsonl", "--output", "conllu"],
        input: "{\"words\":[\"a\",\"dog\"]}\n")
      #expect(conllu.stdout.hasPrefix("1\ta\t_\t\(tags[0])\t"), "\(conllu.stdout)")

      let words = directory.appendingPathComponent("words.jsonl").path
      try Data("{\"words\":[\"a\",\"dog\"]}\n".utf8).write(to: URL(fileURLWithPath: words))
      let wordsModel = directory.appendingPathComponent("words.tagger").path
      let refused = try CorpusCommandSupport.run(
        ["train", words, "--dev", words, "--epochs", "1", "-o", wordsModel] + network)
      #expect(refused.status == 1)
      #expect(
        refused.stderr.contains("words.jsonl:1: no tag layer: the words are its only column"),
        "\(refused.stderr)")
      #expect(!FileManager.default.fileExists(atPath: wordsModel))
    }
  }

  @Test func genericXMLMappingReadsFromTheCommandLine() throws {
    let generic = try CorpusCommandSupport.fixture("xml-generic.xml")
    let stats = try CorpusCommandSupport.run(
      [
        "stats", "--json", "--xml-sentence", "sent", "--xml-token", "tok", "--xml-tag", "tag",
        generic,
      ])
    #expect(stats.status == 0, "\(stats.stderr)")
    #expect(stats.stdout.contains("\"sentences\":2"))
    #expect(stats.stdout.contains("\"tags\":{\"INTJ\":1,\"PRON\":1,\"VERB\":1}"), "\(stats.stdout)")
  }

  @Test func corruptedModelIsAClearError() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("broken.tagger").path
      try Data("not a model at all, just text".utf8).write(to: URL(fileURLWithPath: path))
      let result = try CorpusCommandSupport.run(["tag", "-m", path], input: "hello\n")
      #expect(result.status == 1)
      #expect(result.stderr.contains("\(path): not a tagger model file"), "\(result.stderr)")
    }
  }

  @Test func interruptedTrainingLeavesALoadableModel() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("interrupted.tagger").path
      let process = Process()
      process.executableURL = try CorpusCommandSupport.tagcliURL()
      process.arguments =
        [
          "train", train, "--dev", train, "--epochs", "1000000", "--patience", "1000000", "-o",
          model,
        ]
        + Self.tinyNetwork
      // A file, not a pipe: an undrained pipe would block the trainer.
      let outputURL = directory.appendingPathComponent("stdout.txt")
      #expect(FileManager.default.createFile(atPath: outputURL.path, contents: nil))
      process.standardOutput = try FileHandle(forWritingTo: outputURL)
      let errorURL = directory.appendingPathComponent("stderr.txt")
      #expect(FileManager.default.createFile(atPath: errorURL.path, contents: nil))
      process.standardError = try FileHandle(forWritingTo: errorURL)
      try process.run()
      var deadline = Date().addingTimeInterval(60)
      while !FileManager.default.fileExists(atPath: model + ".checkpoint") && Date() < deadline {
        Thread.sleep(forTimeInterval: 0.05)
      }
      process.interrupt()
      deadline = Date().addingTimeInterval(60)
      while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
      if process.isRunning {
        process.terminate()
        Issue.record("training did not stop within 60 s of SIGINT")
      }
      process.waitUntilExit()
      #expect(process.terminationStatus == 130)
      let stdout = try String(contentsOf: outputURL, encoding: .utf8)
      #expect(stdout.contains("stopped: interrupted"))
      let stderr = try String(contentsOf: errorURL, encoding: .utf8)
      #expect(
        stderr.contains(model) && stderr.contains("--resume \(model).checkpoint"), "\(stderr)")
      #expect(throws: Never.self) { _ = try ModelFile.load(from: model) }
      #expect(throws: Never.self) { _ = try ModelFile.loadCheckpoint(from: model + ".checkpoint") }
    }
  }

  @Test func aSingleLineIsAnsweredBeforeTheInputEnds() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = try Self.trainTinyModel(in: directory, named: "prompt.tagger", epochs: 2)
      let process = Process()
      process.executableURL = try CorpusCommandSupport.tagcliURL()
      process.arguments = ["tag", "-m", model, "--pretokenized"]
      let input = Pipe()
      let output = Pipe()
      process.standardInput = input
      process.standardOutput = output
      try process.run()
      input.fileHandleForWriting.write(Data("the dog runs\n".utf8))
      let firstLine = CorpusCommandSupport.readLine(from: output.fileHandleForReading, timeout: 30)
      #expect(firstLine?.hasPrefix("the/") == true, "no answer while stdin stays open")
      input.fileHandleForWriting.write(Data("a cat".utf8))
      try input.fileHandleForWriting.close()
      let rest = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      #expect(
        String(decoding: rest, as: UTF8.self).hasPrefix("a/"), "the last line without a newline")
      #expect(process.terminationStatus == 0)
    }
  }
}

@Suite struct TrainAndTagValidationTests {
  @Test(arguments: [
    (["train", "t.conllu", "--cell", "lstmx"], "'lstmx' is invalid for '--cell <cell>'"),
    (["train", "t.conllu", "--optimizer", "rmsprop"], "is invalid for '--optimizer <optimizer>'"),
    (["train", "t.conllu", "--dropout", "1"], "--dropout must be in [0, 1)"),
    (["train", "t.conllu", "--threads", "3"], "--threads must be 1 or 2"),
    (
      ["train", "t.conllu", "--resume", "c.checkpoint", "--seed", "3"],
      "--seed cannot change a resumed run"
    ),
    (
      ["train", "t.conllu", "--resume", "c.checkpoint", "--lr", "1e-4", "--preset", "fast"],
      "--preset, --lr cannot change a resumed run (it keeps the checkpoint's options; only"
        + " --epochs, --features, --lemma-epochs, --max-time, --min-updates, --threads may be given); drop them"
    ),
    (
      ["train", "t.conllu", "--resume", "c.checkpoint", "--label", "c", "--label-smoothing", "0"],
      "--label-smoothing cannot change a resumed run (it keeps the checkpoint's options; only"
        + " --epochs, --features, --lemma-epochs, --max-time, --min-updates, --threads may be given); drop it"
    ),
    (
      [
        "train", "t.conllu", "--tag", "upos,lemma", "--resume", "c.checkpoint", "--decoder",
        "crf", "--tag-smoothing", "0.2", "--features", "pos", "--lemma-epochs", "3",
      ],
      "--decoder, --tag-smoothing cannot change a resumed run"
    ),
    (["train", "x", "--tag-smoothing", "1"], "--tag-smoothing must be in [0, 1); got 1.0"),
    (["train", "x", "--tag-smoothing=-0.1"], "--tag-smoothing must be in [0, 1)"),
    (
      ["train", "x", "--label", "c", "--tag-smoothing", "0.1"],
      "--tag-smoothing smooths the loss of softmax tag layers, and this model has none (a sentence"
        + " classifier alone; --tag LAYER adds a tag layer)"
    ),
    (
      ["train", "x", "--decoder", "crf", "--tag-smoothing", "0.1"],
      "this model has none (a CRF layer is trained on the sentence likelihood)"
    ),
    (
      ["lm", "train", "t.txt", "--resume", "c.checkpoint", "--hidden", "64"],
      "--hidden cannot change a resumed run (it keeps the checkpoint's options; only --epochs,"
        + " --max-time, --threads may be given); drop it"
    ),
    (["tag", "--output", "xml"], "'xml' is invalid for '--output <output>'"),
    (["tag", "--top", "0"], "--top must be at least 1"),
    (["tag", "--input", "nope"], "'nope' is invalid for '--input <input>'"),
    (["tag", "--input", "plain"], "--input plain: tag reads plain text without --input"),
    (["stats", "--xml-tag", "pos", "x.xml"], "--xml-word and --xml-tag need --xml-sentence"),
    (["stats", "--xml-sentence", "s", "x.xml"], "needs both --xml-sentence and --xml-token"),
    (
      ["train", "x", "--pooling", "max"],
      "--pooling, --label-weight and --label-smoothing go with --label KEY"
    ),
    (
      ["train", "x", "--label-smoothing", "0.1"],
      "--pooling, --label-weight and --label-smoothing go with --label KEY"
    ),
    (["train", "x", "--label", "c", "--label-weight", "0"], "--label-weight must be a positive"),
    (
      ["train", "x", "--label", "c", "--label-smoothing", "1"],
      "--label-smoothing must be in [0, 1)"
    ),
    (["train", "x", "--label", "c", "--label-smoothing=-0.1"], "--label-smoothing must be in"),
    (
      ["stats", "--format", "tiger", "--xml-sentence", "s", "--xml-token", "w", "x.xml"],
      "needs --format xml"
    ),
  ])
  func rejectsBadFlags(arguments: [String], message: String) {
    do {
      _ = try TagCLI.parseAsRoot(arguments)
      Issue.record("parsed \(arguments)")
    } catch {
      #expect(TagCLI.message(for: error).contains(message), "\(TagCLI.message(for: error))")
      #expect(TagCLI.exitCode(for: error) == .validationFailure)
    }
  }

  @Test func trainDefaultsAreTheReferenceTaggerWithSmallAffixes() throws {
    let command = try #require(
      try TagCLI.parseAsRoot(["train", "t.conllu", "--seed", "5"]) as? TrainCommand)
    let (options, picked) = command.network.trainingOptions()
    #expect(!picked && options.seed == 5)
    var expected = TaggerConfiguration()
    expected.affixEmbeddingSize = 32
    expected.shapeEmbeddingSize = 8
    expected.affixBuckets = TaggerConfiguration.defaultAffixBuckets
    #expect(options.configuration == expected)
    #expect(options.configuration.hiddenSize == 128 && options.configuration.layerCount == 2)
    var classifier = TaggerConfiguration()
    classifier.dropout = 0.5
    #expect(
      command.network.trainingOptions(tagsWords: false).0.configuration == classifier,
      "a sentence classifier alone has no affixes, and drops more")
    let noAffixes = try #require(
      try TagCLI.parseAsRoot(["train", "t.conllu", "--affix-dim", "0"]) as? TrainCommand)
    #expect(noAffixes.network.trainingOptions().0.configuration == TaggerConfiguration())
  }

  @Test func residualAndCharacterDropoutOptionsReachTheConfiguration() throws {
    let command = try #require(
      try TagCLI.parseAsRoot(["train", "t.conllu", "--residual", "--char-dropout", "0.1"])
        as? TrainCommand)
    let configuration = command.network.trainingOptions().0.configuration
    #expect(configuration.residual == true && configuration.characterDropout == 0.1)
    let plain = try #require(try TagCLI.parseAsRoot(["train", "t.conllu"]) as? TrainCommand)
    let plainConfiguration = plain.network.trainingOptions().0.configuration
    #expect(plainConfiguration.residual == nil && plainConfiguration.characterDropout == nil)
    for value in ["1", "-0.1", "nan"] {
      #expect(throws: (any Error).self, "--char-dropout \(value)") {
        try TagCLI.parseAsRoot(["train", "t.conllu", "--char-dropout", value])
      }
    }
    for noEncoder in [["--char-hidden", "0"], ["--preset", "fast"]] {
      #expect(throws: (any Error).self, "--char-dropout with \(noEncoder)") {
        try TagCLI.parseAsRoot(["train", "t.conllu", "--char-dropout", "0.1"] + noEncoder)
      }
    }
  }
}
