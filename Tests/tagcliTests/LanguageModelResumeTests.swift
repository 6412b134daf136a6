import Foundation
import Testing

@testable import Tagger
@testable import tagcli

/// `tagcli lm train --resume`: other data is refused, `--epochs` raises a finished run's limit, a
/// finished run says so, and a resumed run without a better epoch keeps the saved model.
@Suite(.serialized) struct LanguageModelResumeTests {
  @Test func resumeRefusesOtherDataAndFinishedRunsAndHonoursEpochs() throws {
    let text = try CorpusCommandSupport.fixture("lm-lines.txt")
    let other = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("tiny.lm").path
      let checkpoint = model + ".checkpoint"
      let first = try CorpusCommandSupport.run(
        ["lm", "train", text, "--dev", text, "--epochs", "2", "-o", model]
          + LanguageModelCommandTests.tinyNetwork)
      #expect(first.status == 0, "\(first.stderr)")
      let saved = try Data(contentsOf: URL(fileURLWithPath: model))

      let taggerResume = try CorpusCommandSupport.run(
        ["train", other, "--dev", other, "--resume", checkpoint, "-o", model + ".tagger"])
      #expect(taggerResume.status != 0)
      #expect(
        taggerResume.stderr.contains(
          "\(checkpoint): this is a character language model's checkpoint, not a tagger's; "
            + "resume it with tagcli lm train --resume"), "\(taggerResume.stderr)")

      let otherData = try CorpusCommandSupport.run(
        ["lm", "train", other, "--dev", text, "--resume", checkpoint, "--epochs", "3", "-o", model])
      #expect(otherData.status == 64)
      #expect(
        otherData.stderr.contains(
          "--resume \(checkpoint) was trained on other data (4 lines / 70 characters)"),
        "\(otherData.stderr)")

      let finished = try CorpusCommandSupport.run(
        ["lm", "train", text, "--dev", text, "--resume", checkpoint, "-o", model])
      #expect(finished.status == 64)
      #expect(
        finished.stderr.contains(
          "has already run 2 of its 2 epochs; give --epochs above 2 to train on"),
        "\(finished.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == saved, "refusals write nothing")

      let modelGiven = try CorpusCommandSupport.run(
        [
          "lm", "train", text, "--dev", text, "--resume", model, "--epochs", "3", "-o",
          model + ".b",
        ])
      #expect(modelGiven.status != 0)
      #expect(
        modelGiven.stderr.contains(
          "\(model): this is a model, not a training checkpoint; --resume takes the checkpoint"),
        "\(modelGiven.stderr)")

      let resumed = try CorpusCommandSupport.run(
        ["lm", "train", text, "--dev", text, "--resume", checkpoint, "--epochs", "3", "-o", model])
      #expect(resumed.status == 0, "\(resumed.stderr)")
      #expect(resumed.stdout.contains("(up to 3 epochs)"), "\(resumed.stdout)")
      #expect(resumed.stdout.contains("epoch   3"), "\(resumed.stdout)")
      #expect(!resumed.stdout.contains("epoch   4"), "\(resumed.stdout)")
      #expect(try LanguageModelFile.loadCheckpoint(from: checkpoint).epochsDone == 3)
    }
  }

  /// A rate far too high makes the resumed epoch worse than the saved first one: the saved model
  /// stands, and the command succeeds with it, but only when `-o` holds that run's model.
  @Test func aResumedRunWithoutABetterEpochKeepsTheSavedModel() throws {
    let text = try CorpusCommandSupport.fixture("lm-lines.txt")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("tiny.lm").path
      let network = LanguageModelCommandTests.tinyNetwork.map { $0 == "0.02" ? "3" : $0 }
      #expect(network != LanguageModelCommandTests.tinyNetwork)
      let first = try CorpusCommandSupport.run(
        ["lm", "train", text, "--dev", text, "--epochs", "1", "--average", "0", "-o", model]
          + network)
      #expect(first.status == 0, "\(first.stderr)")
      let saved = try Data(contentsOf: URL(fileURLWithPath: model))
      // The checkpoint after epoch 1, for the resumes below (each runs the same worse epoch 2).
      let afterFirst = directory.appendingPathComponent("first.checkpoint").path
      try FileManager.default.copyItem(atPath: model + ".checkpoint", toPath: afterFirst)
      let resumed = try CorpusCommandSupport.run(
        [
          "lm", "train", text, "--dev", text, "--resume", model + ".checkpoint", "--epochs", "2",
          "-o", model,
        ])
      #expect(resumed.status == 0, "\(resumed.stderr)")
      #expect(resumed.stdout.contains("epoch   2"), "\(resumed.stdout)")
      #expect(
        resumed.stdout.contains("no epoch beat the saved model's dev score; \(model) stands"),
        "\(resumed.stdout)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == saved)

      // The saved model must be the run's own: -o naming no file, or another run's model
      // (another seed), is refused, and that model is left as it was.
      let missing = directory.appendingPathComponent("new.lm").path
      let otherModel = directory.appendingPathComponent("other.lm").path
      var otherNetwork = LanguageModelCommandTests.tinyNetwork
      let seedIndex = try #require(otherNetwork.firstIndex(of: "--seed"))
      otherNetwork[seedIndex + 1] = "4"
      let otherRun = try CorpusCommandSupport.run(
        ["lm", "train", text, "--dev", text, "--epochs", "1", "-o", otherModel] + otherNetwork)
      #expect(otherRun.status == 0, "\(otherRun.stderr)")
      let otherBytes = try Data(contentsOf: URL(fileURLWithPath: otherModel))
      let resume = [
        "lm", "train", text, "--dev", text, "--resume", afterFirst, "--epochs", "2", "-o",
      ]
      try ResumeAndPipeTests.expectResumeRefuses(
        resume, missing: missing, otherRun: otherModel, seeds: "seed 4, not 3",
        otherBytes: otherBytes)
    }
  }

  /// What may accompany `--resume`: the limits, and options left at their defaults.
  @Test func onlyTheLimitsMayAccompanyAResume() throws {
    let limits = try TagCLI.parseAsRoot(
      ["lm", "train", "t.txt", "--resume", "c", "--epochs", "30", "--max-time", "60"])
    #expect((limits as? LanguageModelTrainCommand)?.network.epochs == 30)
    let atDefaults = try LanguageModelOptions.parse(["--dropout", "0.2", "--lr", "5e-3"])
    #expect(try ResumedRunOptions.changedFlags(atDefaults, allowed: []).isEmpty)
    let changed = try LanguageModelOptions.parse(["--threads", "1", "--embedding-dim", "8"])
    #expect(
      try ResumedRunOptions.changedFlags(changed, allowed: ["threads"]) == ["--embedding-dim"])
    #expect(ResumedRunOptions.flag("minUpdates") == "--min-updates")
  }

  /// `--threads` may change on resume (the machine may have); left out, the checkpoint's stays.
  @Test func aResumedRunTakesThreadsOnlyWhenGiven() throws {
    var saved = LanguageModelTrainingOptions()
    saved.threads = 1
    let given = try #require(
      try TagCLI.parseAsRoot(["lm", "train", "t.txt", "--resume", "c", "--threads", "2"])
        as? LanguageModelTrainCommand)
    #expect(given.network.resumedOptions(saved).threads == 2)
    let left = try #require(
      try TagCLI.parseAsRoot(["lm", "train", "t.txt", "--resume", "c"])
        as? LanguageModelTrainCommand)
    #expect(left.network.resumedOptions(saved).threads == 1)
    #expect(left.network.trainingOptions().0.threads == 2, "a new run's default")

    var savedTagger = TrainingOptions()
    savedTagger.threads = 1
    let train = try #require(
      try TagCLI.parseAsRoot(["train", "t.conllu", "--resume", "c", "--threads", "2"])
        as? TrainCommand)
    #expect(train.network.resumedOptions(savedTagger).threads == 2)
    let trainLeft = try #require(
      try TagCLI.parseAsRoot(["train", "t.conllu", "--resume", "c"]) as? TrainCommand)
    #expect(trainLeft.network.resumedOptions(savedTagger).threads == 1)
    #expect(trainLeft.network.trainingOptions().0.threads == 2, "a new run's default")
  }

  /// Models written before the checksum was recorded compare line and character counts.
  @Test func provenanceWithoutAChecksumComparesCounts() {
    let lines = ["the cat", "a dog"]
    let recorded = CharacterLanguageModel.Provenance(seed: 1, training: lines)
    #expect(recorded.matches(training: lines))
    #expect(!recorded.matches(training: ["the cat", "a cog"]), "same counts, other text")
    var older = recorded
    older.trainingChecksum = nil
    #expect(older.matches(training: ["the cat", "a cog"]))
    #expect(!older.matches(training: ["the cat"]))
    #expect(!older.matches(training: ["the cat", "a dogs"]))
  }
}
