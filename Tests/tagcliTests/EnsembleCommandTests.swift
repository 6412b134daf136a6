import Foundation
import Tagger
import Testing

@testable import tagcli

/// `tagcli train --seeds N` and `tagcli ensemble`: one model file that averages several, and the
/// combinations and options that are refused.
@Suite(.serialized) struct EnsembleCommandTests {
  /// The CRF chunker's training command with `--seed` set to `seed`.
  static func trainChunker(seed: Int, output: String, extra: [String] = []) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let train = try CorpusCommandSupport.fixture("chunks-train.txt")
    var network = CRFCommandTests.tinyNetwork
    let seedIndex = try #require(network.firstIndex(of: "--seed"))
    network[seedIndex + 1] = String(seed)
    return try CorpusCommandSupport.run(
      [
        "train", train, "--dev", train, "--epochs", "4", "--patience", "100", "-o", output,
        "--decoder", "crf", "--features", "pos",
      ] + network + extra)
  }

  @Test func trainWithSeedsEqualsTheSeparateModelsCombined() throws {
    let train = try CorpusCommandSupport.fixture("chunks-train.txt")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let path = { directory.appendingPathComponent($0).path }
      let trained = try Self.trainChunker(
        seed: 7, output: path("e.tagger"), extra: ["--seeds", "2"])
      #expect(trained.status == 0, "\(trained.stderr)")
      #expect(trained.stdout.contains("member 1 of 2: seed 7\n"), "\(trained.stdout)")
      #expect(trained.stdout.contains("member 2 of 2: seed 8\n"))
      #expect(trained.stdout.contains("ensemble of 2 models saved to \(path("e.tagger"))"))
      #expect(!FileManager.default.fileExists(atPath: path("e.tagger") + ".checkpoint"))
      for seed in [7, 8] {
        let single = try Self.trainChunker(seed: seed, output: path("s\(seed).tagger"))
        #expect(single.status == 0, "\(single.stderr)")
      }
      let combined = try CorpusCommandSupport.run(
        ["ensemble", path("s7.tagger"), path("s8.tagger"), "-o", path("c.tagger")])
      #expect(combined.status == 0, "\(combined.stderr)")
      #expect(combined.stdout.hasPrefix("ensemble of 2 models saved to \(path("c.tagger"))"))
      func tagged(_ model: String) throws -> String {
        let result = try CorpusCommandSupport.run(
          [
            "tag", "-m", path(model), "--input", "columns", train, "--top", "3", "--temperature",
            "1",
          ])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
      }
      let ensemble = try tagged("e.tagger")
      #expect(ensemble == (try tagged("c.tagger")), "member k of --seeds is the run of --seed S+k")
      #expect(ensemble != (try tagged("s7.tagger")), "and the ensemble is not its first member")
      let evaluated = try CorpusCommandSupport.run([
        "eval", train, "-m", path("e.tagger"), "--json",
      ])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      #expect(evaluated.stdout.contains("\"accuracy\":"))
    }
  }

  @Test func modelsWithOtherTagsAreNotCombined() throws {
    let upos = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let path = { directory.appendingPathComponent($0).path }
      #expect(try Self.trainChunker(seed: 7, output: path("chunks.tagger")).status == 0)
      let tagger = try CorpusCommandSupport.run(
        ["train", upos, "--dev", upos, "--epochs", "1", "-o", path("upos.tagger")]
          + TrainAndTagCommandTests.tinyNetwork)
      #expect(tagger.status == 0, "\(tagger.stderr)")
      let combined = try CorpusCommandSupport.run(
        ["ensemble", path("chunks.tagger"), path("upos.tagger"), "-o", path("both.tagger")])
      #expect(combined.status != 0)
      #expect(
        combined.stderr.contains(
          "cannot combine these models: \(path("upos.tagger")) (member 2) has other heads (tags (upos)) than \(path("chunks.tagger")) (tags (default))"
        ),
        "\(combined.stderr)")
      #expect(!FileManager.default.fileExists(atPath: path("both.tagger")))
      let one = try CorpusCommandSupport.run(["ensemble", path("upos.tagger"), "-o", path("x")])
      #expect(one.status != 0)
      #expect(one.stderr.contains("give two or more models to combine (1 given)"))
      let overInput = try CorpusCommandSupport.run(
        ["ensemble", path("upos.tagger"), path("upos.tagger"), "-o", path("upos.tagger")])
      #expect(overInput.status != 0)
      #expect(overInput.stderr.contains("is also an input"), "\(overInput.stderr)")
    }
  }

  @Test func seedsRefusesWhatAnEnsembleCannotDo() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("m.tagger").path
      for (extra, message) in [
        (["--seeds", "0"], "--seeds 0: give 1 to 16 models"),
        (["--seeds", "2", "--checkpoint", model + ".c"], "drop --checkpoint"),
      ] {
        let result = try Self.trainChunker(seed: 7, output: model, extra: extra)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
      }
      let resumed = try CorpusCommandSupport.run(
        [
          "train", try CorpusCommandSupport.fixture("chunks-train.txt"), "--seeds", "2",
          "--resume", model + ".checkpoint", "-o", model,
        ])
      #expect(resumed.status != 0)
      #expect(resumed.stderr.contains("it cannot --resume"), "\(resumed.stderr)")
    }
  }
  @Test func ctrlCKeepsTheMembersSoFarAndExitsWith130() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let train = directory.appendingPathComponent("large.conllu").path
      try FirstEpochInterruptionTests.writeLargeCorpus(to: train)
      let dev = try CorpusCommandSupport.fixture("train-tiny.conllu")
      let model = directory.appendingPathComponent("m.tagger").path
      let (status, stderr) = try FirstEpochInterruptionTests.interruptedEarly(
        ["train", train, "--dev", dev, "-o", model, "--seeds", "2"]
          + FirstEpochInterruptionTests.network, in: directory)
      #expect(status == 130)
      #expect(
        stderr.contains(
          "interrupted: \(model) holds 1 of the 2 members, the last one as far as it got"),
        "\(stderr)")
      #expect(try ModelFile.load(from: model).members.count == 1)
      #expect(!FileManager.default.fileExists(atPath: model + ".checkpoint"))
    }
  }
}
