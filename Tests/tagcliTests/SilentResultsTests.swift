import Foundation
import Testing

@testable import Tagger

/// Inputs that used to give a wrong answer with exit status 0: zero sentences, blank-line text,
/// a byte order mark in the first word, a word/TAG file with one tag missing.
@Suite struct SilentResultsTests {
  private func write(_ text: String, _ name: String, in directory: URL) throws -> String {
    let path = directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func xmlOfNoKnownDialectIsNoSentencesInEveryCommand() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let xml = try write(
        "<treebank><sentence><word form=\"a\" pos=\"X\"/></sentence></treebank>\n", "t.xml",
        in: directory)
      let pred = try CorpusCommandSupport.fixture("eval-pred.conllu")
      let out = directory.appendingPathComponent("o.conllu").path
      for arguments in [
        ["stats", xml], ["convert", xml, "-o", out], ["eval", xml, "--pred", pred],
      ] {
        let result = try CorpusCommandSupport.run(arguments)
        #expect(result.status != 0, "\(arguments)")
        #expect(result.stderr.contains("\(xml): no sentences found"), "\(result.stderr)")
        #expect(result.stderr.contains("--xml-sentence"))
      }
      #expect(!FileManager.default.fileExists(atPath: out))
    }
  }

  @Test func blankLinesAreNotSentences() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let blank = try write(String(repeating: "\n", count: 10), "blank.txt", in: directory)
      let result = try CorpusCommandSupport.run(["stats", "--format", "plain", blank])
      #expect(result.status != 0)
      #expect(result.stderr.contains("no sentences found"))
    }
  }

  @Test func byteOrderMarkIsNotPartOfTheFirstWord() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let columns = try write("\u{FEFF}The DT\ncat NN\n\n", "bom.txt", in: directory)
      let result = try CorpusCommandSupport.run(
        ["convert", "--format", "columns", columns, "--to", "wordtag", "-o", "-"])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout == "The/DT cat/NN\n")
    }
  }

  @Test func wordTagFileWithOneMissingTagIsAnError() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let text = try write("The/DT cat/NN sat/VBD\nA/DT dog\n", "wt.txt", in: directory)
      let result = try CorpusCommandSupport.run(["stats", text])
      #expect(result.status != 0)
      #expect(result.stderr.contains("\(text):2"), "\(result.stderr)")
    }
  }

  @Test func evalAgainstTextWithoutTagsIsAnError() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let text = try write("The dog barks .\n", "raw.txt", in: directory)
      let model = ShippedModelTests.modelPath
      let result = try CorpusCommandSupport.run(["eval", text, "-m", model])
      #expect(result.status == 1, "\(result.stderr)")
      #expect(result.stderr.contains("\(text):1:"), "\(result.stderr)")
      #expect(result.stderr.contains("no value for tag layer"), "\(result.stderr)")
      #expect(!result.stdout.contains("accuracy"), "\(result.stdout)")
      let gold = try write("The/DET dog/NOUN\n", "gold.txt", in: directory)
      let predicted = try write("The\tDET\ndog\t\n\n", "pred.tsv", in: directory)
      let fromFile = try CorpusCommandSupport.run(["eval", gold, "--pred", predicted])
      #expect(fromFile.status == 1, "\(fromFile.stderr)")
      #expect(fromFile.stderr.contains("\(predicted):1: token has no value"), "\(fromFile.stderr)")
    }
  }

  /// `_` in the UPOS column is CoNLL-U's empty value, not a tag: a partly annotated treebank
  /// once trained `_` as a seventeenth class (and `eval` scored gold `_` as errors).
  @Test func anUnderscoreUPOSIsNoTag() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let tagged =
        "1\tthe\tthe\tDET\tDT\t_\t0\troot\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t1\tdep\t_\t_\n\n"
      let partial = try write(
        tagged + "1\ta\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tcat\tcat\t_\tNN\t_\t1\tdep\t_\t_\n\n"
          + tagged, "partial.conllu", in: directory)
      let model = directory.appendingPathComponent("partial.tagger").path
      let refused = try CorpusCommandSupport.run(
        ["train", partial, "--dev", partial, "--epochs", "1", "-o", model]
          + TrainAndTagCommandTests.tinyNetwork)
      #expect(refused.status == 1)
      #expect(
        refused.stderr.contains(
          "partial.conllu:4: token has no value for tag layer \"upos\" (empty or _, which is no UPOS tag): \"cat\""
        ),
        "\(refused.stderr)")
      #expect(!FileManager.default.fileExists(atPath: model))
      let skipping = try CorpusCommandSupport.run(
        ["train", partial, "--dev", partial, "--epochs", "1", "-o", model, "--skip-malformed"]
          + TrainAndTagCommandTests.tinyNetwork)
      #expect(skipping.status == 0, "\(skipping.stderr)")
      #expect(skipping.stdout.contains("train: 2 sentences / 4 tokens"), "\(skipping.stdout)")
      #expect(skipping.stderr.contains("skipped 2 malformed sentence(s)"), "\(skipping.stderr)")
      #expect(try ModelFile.load(from: model).tagSet.tags.sorted() == ["DET", "NOUN"])
      let scored = try CorpusCommandSupport.run(["eval", partial, "-m", model])
      #expect(scored.status == 1)
      #expect(scored.stderr.contains("partial.conllu:4: token has no value"), "\(scored.stderr)")
    }
  }

  @Test func evalOfALayerTheModelCannotPredictIsRefused() throws {
    let chunks = try CorpusCommandSupport.fixture("chunks.txt")
    let model = ShippedModelTests.modelPath
    let result = try CorpusCommandSupport.run(["eval", chunks, "-m", model])
    #expect(result.status == 64, "\(result.stderr)")
    // The model's layer, UPOS, is the file's `pos` column (Penn tags) here; without one it
    // would be the default layer, the chunks: either way no tag the model predicts.
    #expect(
      result.stderr.contains("(layer pos) have tags that the model cannot predict"),
      "\(result.stderr)")
    #expect(result.stderr.contains("NN (2)") && result.stderr.contains("--tag"))
    #expect(!result.stdout.contains("accuracy"))
    let allowed = try CorpusCommandSupport.run(
      ["eval", chunks, "-m", model, "--allow-tag-mismatch"])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(allowed.stdout.contains("accuracy 0.00 %"), "\(allowed.stdout)")
  }

  @Test func emptyCoNLLUTagIsAnErrorInTraining() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      var lines = try String(
        contentsOfFile: CorpusCommandSupport.fixture("train-tiny.conllu"), encoding: .utf8
      ).components(separatedBy: "\n")
      let index = try #require(lines.firstIndex { $0.hasPrefix("1\t") })
      var fields = lines[index].components(separatedBy: "\t")
      fields[3] = ""
      lines[index] = fields.joined(separator: "\t")
      let corpus = try write(lines.joined(separator: "\n"), "c.conllu", in: directory)
      let model = directory.appendingPathComponent("m.tagger").path
      let result = try CorpusCommandSupport.run(
        ["train", corpus, "--dev", corpus, "-o", model, "--epochs", "1", "--hidden", "4"])
      #expect(result.status != 0)
      #expect(result.stderr.contains("no value for tag layer"), "\(result.stderr)")
    }
  }
}

/// `tag` on input without a single word: an error naming the input, not an empty success.
@Suite struct TagNothingTests {
  @Test(arguments: ["", "\n\n  \n"])
  func textWithoutWordsIsAnError(text: String) throws {
    let model = ShippedModelTests.modelPath
    let result = try CorpusCommandSupport.run(["tag", "-m", model], input: text)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("<stdin>") && result.stderr.contains("no text to tag"))
    let oneWord = try CorpusCommandSupport.run(["tag", "-m", model], input: text + "dogs\n")
    #expect(oneWord.status == 0, "\(oneWord.stderr)")
  }

  @Test func corpusWithoutSentencesIsAnError() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let empty = directory.appendingPathComponent("empty.conllu").path
      try Data().write(to: URL(fileURLWithPath: empty))
      let output = directory.appendingPathComponent("out.conllu").path
      let result = try CorpusCommandSupport.run(
        ["tag", "-m", ShippedModelTests.modelPath, "--input", "conllu", empty, "-o", output])
      #expect(result.status == 1, "\(result.stderr)")
      #expect(result.stderr.contains(empty) && result.stderr.contains("no sentences found"))
      #expect(!FileManager.default.fileExists(atPath: output))
    }
  }
}

/// `tag` without `--input` reads raw lines: a corpus file given that way used to have its
/// columns or markup tagged as words, with exit status 0.
@Suite struct TagCorpusAsRawTextTests {
  private static let conllu =
    "# text = The dog\n1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    + "2\tdog\tdog\tNOUN\tNN\t_\t0\troot\t_\t_\n\n"

  @Test(
    arguments: [
      ("dev.conllu", conllu, "its .conllu extension", "--input conllu", nil),
      ("dev.txt", "\n" + conllu, "CoNLL-U's 10 tab-separated columns", "--input conllu", 3),
      ("posts.txt", "<?xml version=\"1.0\"?>\n<Session/>\n", "XML markup", "--input tiger", 1),
      ("chunks.conll", "He PRP B-NP\n\n", "its .conll extension", "--input conllx", nil),
    ] as [(String, String, String, String, Int?)])
  func aCorpusFileIsRefusedNamingItsInput(
    name: String, text: String, evidence: String, input: String, line: Int?
  ) throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent(name).path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let output = directory.appendingPathComponent("out.txt").path
      let result = try CorpusCommandSupport.run(
        ["tag", "-m", ShippedModelTests.modelPath, path, "-o", output])
      #expect(result.status == 1, "\(result.stderr)")
      let place = line.map { "\(path):\($0):" } ?? "\(path):"
      #expect(result.stderr.contains(place), "\(result.stderr)")
      #expect(result.stderr.contains(evidence) && result.stderr.contains(input), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: output))
    }
  }

  @Test func textFilesAndStandardInputAreStillTaggedAsText() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = ShippedModelTests.modelPath
      let text = directory.appendingPathComponent("notes.txt").path
      try Data("# not a comment, a line\nThe dog\tbarks .\n".utf8).write(
        to: URL(fileURLWithPath: text))
      let file = try CorpusCommandSupport.run(["tag", "-m", model, text])
      #expect(file.status == 0, "\(file.stderr)")
      #expect(file.stdout.split(separator: "\n").count == 2, "\(file.stdout)")
      let piped = try CorpusCommandSupport.run(["tag", "-m", model], input: Self.conllu)
      #expect(piped.status == 0, "\(piped.stderr)")
    }
  }
}

/// Inputs that used to crash tagcli with a Foundation fatal error, and messages that named the
/// wrong option.
@Suite struct CrashAndMessageTests {
  @Test func taggingADirectoryOrAClosedStandardInputIsAnError() throws {
    let model = ShippedModelTests.modelPath
    let directory = try CorpusCommandSupport.run(["tag", "-m", model, "/tmp"])
    #expect(directory.status == 1, "\(directory.stderr)")
    #expect(directory.stderr.contains("/tmp: is a folder"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    let tagcli = try CorpusCommandSupport.tagcliURL().path
    process.arguments = ["-c", "'\(tagcli)' tag -m '\(model)' <&-"]
    let error = Pipe()
    process.standardError = error
    try process.run()
    let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1, "\(message)")
    #expect(message.contains("standard input"))
    #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("Fatal error"))
  }

  /// An output file opened while standard input is closed used to take descriptor 0, and `-`
  /// then read it: "Bad file descriptor" or a Foundation error instead of the message.
  @Test(arguments: [
    ["tag", "-m", ShippedModelTests.modelPath, "-o"],
    ["convert", "-", "--format", "columns", "--to", "conllu", "-o"],
  ])
  func aClosedStandardInputIsSaidSoAlsoWithAnOutputFile(arguments: [String]) throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let output = directory.appendingPathComponent("out.txt").path
      let tagcli = try CorpusCommandSupport.tagcliURL().path
      let quoted = ([tagcli] + arguments + [output]).map { "'\($0)'" }.joined(separator: " ")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", quoted + " <&-"]
      let error = Pipe()
      process.standardError = error
      try process.run()
      let message = String(
        decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 1, "\(message)")
      #expect(message.contains("standard input is closed"), "\(message)")
      #expect(!FileManager.default.fileExists(atPath: output))
    }
  }

  @Test(arguments: [
    (["train", "t.conllu", "--min-word-count", "0"], "--min-word-count"),
    (["train", "t.conllu", "--char-hidden", "-1"], "--char-hidden"),
    (["train", "t.conllu", "--max-time", "-5"], "--max-time"),
    (["tag", "--top", "-2"], "--top"),
    // An output that can never be written is refused before training starts.
    (["train", "t.conllu", "-o", NSTemporaryDirectory()], "is a folder"),
    (["train", "t.conllu", "-o", "/nonexistent-folder-of-tagcli/m.tagger"], "does not exist"),
    (["lm", "train", "t.txt", "-o", NSTemporaryDirectory()], "is a folder"),
    (["lm", "train", "t.txt", "--average", "1"], "--average must be in [0, 1)"),
    (["lm", "train", "t.txt", "--average=-0.5"], "--average must be in [0, 1)"),
  ])
  func validationNamesTheWrongOption(arguments: [String], option: String) throws {
    let result = try CorpusCommandSupport.run(arguments)
    #expect(result.status == 64)
    let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
    #expect(firstLine.contains(option), "\(result.stderr)")
  }

  /// `-` is standard output to every text output, so a model command given `-o -` (or
  /// `--checkpoint -`) is refused before any work instead of writing a file named `-`.
  @Test(arguments: [
    ["train", "t.conllu", "-o", "-"], ["train", "t.conllu", "--checkpoint", "-"],
    ["lm", "train", "t.txt", "-o", "-"], ["ensemble", "a.tagger", "b.tagger", "-o", "-"],
    ["calibrate", "-m", "a.tagger", "dev.conllu", "-o", "-"],
  ])
  func aModelIsNeverWrittenToAFileNamedDash(arguments: [String]) throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let result = try CorpusCommandSupport.run(arguments, in: directory)
      #expect(result.status == 64, "\(result.stderr)")
      #expect(
        result.stderr.contains("-: a model is written to a file, not to standard output"),
        "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("-").path))
    }
  }
}

/// Raw text that `tag` cannot read as UTF-8 lines is refused at its line and byte, and no output
/// is left: a Latin-1 file (it was tagged with replacement characters in place of its words), a
/// UTF-16 file without a byte order mark (Windows "Unicode": valid UTF-8 with a NUL in every other
/// byte, tagged as one-letter words), and lines that end in CR alone (tagged as one sentence).
@Suite struct TagInvalidUTF8Tests {
  @Test(
    arguments: [
      (
        "latin1.txt", [UInt8]("fine words\ncaf".utf8) + [0xE9] + [UInt8](" au lait\n".utf8),
        ":2:4: invalid UTF-8 (the input must be UTF-8; "
      ),
      (
        "windows.txt", "The dog barks\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        ":1:1: not UTF-8 text but UTF-16LE (a NUL in every other byte); "
          + "iconv -f UTF-16LE -t UTF-8 converts it"
      ),
      (
        "mac.txt", [UInt8]("The dog barks .\rA cat sleeps .\r".utf8),
        ":1:16: a carriage return inside the line"
      ),
    ] as [(String, [UInt8], String)])
  func textThatIsNotUTF8LinesIsRefusedAtItsLineAndByte(
    name: String, bytes: [UInt8], message: String
  ) throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent(name).path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let output = directory.appendingPathComponent("out.txt").path
      let result = try CorpusCommandSupport.run(
        ["tag", "-m", ShippedModelTests.modelPath, path, "-o", output])
      #expect(result.status == 1)
      #expect(result.stderr.contains(path + message), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: output))
    }
  }
}
