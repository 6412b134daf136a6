import Foundation
import Testing

@testable import tagcli

/// End to end: `--decoder crf --features pos` from training to tagging and evaluation, the
/// decoding options, calibration figures, and the errors for missing columns and misfit
/// constraints.
@Suite(.serialized) struct CRFCommandTests {
  /// The tiny network of the train/tag tests, without their `--tag upos`, plus a feature size.
  static let tinyNetwork =
    TrainAndTagCommandTests.tinyNetwork.filter { $0 != "--tag" && $0 != "upos" } + [
      "--feature-dim", "3",
    ]

  /// Trains a CRF chunker with the POS column as a feature and runs `body` with its path.
  static func withChunker(_ body: (String, String) throws -> Void) throws {
    let train = try CorpusCommandSupport.fixture("chunks-train.txt")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("chunks.tagger").path
      let training = try CorpusCommandSupport.run(
        [
          "train", train, "--dev", train, "--epochs", "30", "--patience", "100", "-o", model,
          "--decoder", "crf", "--features", "pos",
        ] + Self.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      #expect(training.stdout.contains("span F1 "), "chunk tags: each epoch reports its span F1")
      try body(model, train)
    }
  }

  @Test func aCRFChunkerWithPOSFeaturesTagsAndEvaluates() throws {
    try Self.withChunker { model, train in
      let tagged = try CorpusCommandSupport.run(["tag", "-m", model, "--input", "columns", train])
      #expect(tagged.status == 0, "\(tagged.stderr)")
      #expect(tagged.stdout.hasPrefix("Confidence NN B-NP\nin IN B-PP\n"), "\(tagged.stdout)")
      for decode in ["greedy", "beam:3", "viterbi"] {
        let evaluated = try CorpusCommandSupport.run(
          ["eval", train, "-m", model, "--json", "--decode", decode])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdout.contains("\"accuracy\":100"), "\(decode): \(evaluated.stdout)")
        for key in [
          "calibration", "temperature", "nll_before", "nll_after", "ece_before", "ece_after",
        ] {
          #expect(evaluated.stdout.contains("\"\(key)\""))
        }
        #expect(evaluated.stdout.contains("\"source\":\"model\""))
      }
      try CorpusCommandSupport.withTemporaryDirectory { directory in
        let report = directory.appendingPathComponent("r.html").path
        let evaluated = try CorpusCommandSupport.run(
          ["eval", train, "-m", model, "--temperature", "2", "--report", report])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdout.contains("temperature 2.000 (from --temperature)"))
        let page = try String(contentsOfFile: report, encoding: .utf8)
        #expect(page.contains("Calibration (reliability diagram)"))
        #expect(page.contains("aria-label=\"after scaling\""))
      }
    }
  }

  @Test func inputWithoutTheFeatureColumnIsAFileLineError() throws {
    try Self.withChunker { model, _ in
      let noPOS = try CorpusCommandSupport.fixture("chunks-no-pos.txt")
      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "columns", noPOS])
      #expect(tagged.status != 0)
      #expect(
        tagged.stderr.contains("\(noPOS):1: no input feature column \"pos\""), "\(tagged.stderr)")
      let raw = try CorpusCommandSupport.run(["tag", "-m", model], input: "He said .\n")
      #expect(raw.status != 0)
      #expect(raw.stderr.contains("-:1: the model reads the input column(s) pos"), "\(raw.stderr)")
      let evaluated = try CorpusCommandSupport.run(["eval", noPOS, "-m", model])
      #expect(evaluated.status != 0)
      #expect(evaluated.stderr.contains("\(noPOS):1: no input feature column \"pos\""))
    }
  }

  @Test func trainingOnDataWithoutTheFeatureColumnIsAFileLineError() throws {
    let noPOS = try CorpusCommandSupport.fixture("chunks-no-pos.txt")
    let training = try CorpusCommandSupport.run(
      ["train", noPOS, "--dev", noPOS, "--features", "pos", "-o", CorpusCommandSupport.neverWrittenPath("tagger")])
    #expect(training.status != 0)
    #expect(
      training.stderr.contains("\(noPOS):1: no input feature column \"pos\""), "\(training.stderr)")
  }

  @Test func bioOnANonBIOTagSetIsRefusedNamingTheTags() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    let training = try CorpusCommandSupport.run(
      [
        "train", train, "--dev", train, "--tag", "upos", "--constrain", "bio", "-o",
        CorpusCommandSupport.neverWrittenPath("tagger"),
      ])
    #expect(training.status != 0)
    #expect(
      training.stderr.contains("--constrain bio does not fit the tag set: \""), "\(training.stderr)"
    )
    #expect(training.stderr.contains("are not O, B- or I- tags"))
  }

  @Test func decodingOptionsAreParsedOnce() throws {
    let parsed = try TagCommand.parseAsRoot(["tag", "--decode", "beam:4", "--constrain", "iobes"])
    let command = try #require(parsed as? TagCommand)
    #expect(command.decodingOptions.decode == .beam(width: 4))
    #expect(command.decodingOptions.constrain == .iobes)
    for bad in [
      ["--decode", "beam:0"], ["--decode", "best"], ["--constrain", "bilou"],
      ["--temperature", "0"],
    ] {
      #expect(throws: (any Error).self) { try TagCommand.parseAsRoot(["tag"] + bad) }
    }
    #expect(throws: (any Error).self) {
      try TagCLI.parseAsRoot(["eval", "gold.conllu", "--pred", "p.conllu", "--decode", "viterbi"])
    }
    let train = try #require(
      try TagCLI.parseAsRoot(["train", "t.conllu", "--decoder", "crf", "--features", "pos, 2"])
        as? TrainCommand)
    #expect(train.head.decoder == .crf)
    #expect(train.head.featureLayers == [.name("pos"), .column(2)])
  }
}
