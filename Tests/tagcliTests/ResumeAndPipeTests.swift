import Foundation
import Testing

@testable import Tagger

/// `--resume` refuses other data and honours `--epochs`; detection never consumes or waits on a
/// pipe.
@Suite struct ResumeAndPipeTests {
  static let tiny = [
    "--hidden", "4", "--word-dim", "4", "--char-dim", "4", "--char-hidden", "4",
    "--layers", "1", "--seed", "1",
  ]

  @Test func resumeRefusesOtherDataAndHonoursEpochs() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    let other = try CorpusCommandSupport.fixture("eval-gold.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("m.tagger").path
      let first = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--epochs", "1", "-o", model] + Self.tiny)
      #expect(first.status == 0, "\(first.stderr)")
      let checkpoint = model + ".checkpoint"
      let refused = try CorpusCommandSupport.run(
        ["train", other, "--dev", train, "--resume", checkpoint, "-o", model])
      #expect(refused.status != 0)
      #expect(refused.stderr.contains("was trained on other data"), "\(refused.stderr)")
      let modelGiven = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--resume", model, "--epochs", "2", "-o", model + ".b"])
      #expect(modelGiven.status != 0)
      #expect(
        modelGiven.stderr.contains("\(model): this is a model, not a training checkpoint"),
        "\(modelGiven.stderr)")
      let resumed = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--resume", checkpoint, "--epochs", "2", "-o", model])
      #expect(resumed.status == 0, "\(resumed.stderr)")
      #expect(resumed.stdout.contains("epoch   2"), "\(resumed.stdout)")
      #expect(try ModelFile.loadCheckpoint(from: checkpoint).epochsDone == 2)
    }
  }

  /// A resumed run in which no epoch beats the checkpoint's best keeps the model the run saved.
  /// With `-o` naming no file, or another run's model, it says so: it neither fails with a
  /// vague message nor reports that other model as its own.
  @Test func aResumeWithoutABetterEpochNeedsTheRunsOwnModel() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("m.tagger").path
      let other = directory.appendingPathComponent("other.tagger").path
      let missing = directory.appendingPathComponent("new.tagger").path
      let first = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--epochs", "1", "-o", model] + Self.tiny)
      #expect(first.status == 0, "\(first.stderr)")
      let second = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--epochs", "1", "-o", other]
          + Self.tiny.map { $0 == "1" ? "2" : $0 })
      #expect(second.status == 0, "\(second.stderr)")
      let otherBytes = try Data(contentsOf: URL(fileURLWithPath: other))
      // The checkpoint's epoch limit (1) is reached: no epoch runs after the resume.
      let resume = ["train", train, "--dev", train, "--resume", model + ".checkpoint", "-o"]
      let kept = try CorpusCommandSupport.run(resume + [model])
      #expect(kept.status == 0, "\(kept.stderr)")
      try Self.expectResumeRefuses(
        resume, missing: missing, otherRun: other, seeds: "seed 2, not 1", otherBytes: otherBytes)
    }
  }

  /// Checks that `resume` + `-o PATH`, whose run no epoch improves, refuses a `missing` path
  /// (creating nothing) and another run's model (`seeds`, as the error words them), which stays
  /// byte for byte `otherBytes`.
  static func expectResumeRefuses(
    _ resume: [String], missing: String, otherRun: String, seeds: String, otherBytes: Data
  ) throws {
    let toNoFile = try CorpusCommandSupport.run(resume + [missing])
    #expect(toNoFile.status != 0)
    #expect(
      toNoFile.stderr.contains(
        "\(missing) does not exist: give -o the file the run saved its best model to"),
      "\(toNoFile.stderr)")
    #expect(!FileManager.default.fileExists(atPath: missing))
    let toOtherRun = try CorpusCommandSupport.run(resume + [otherRun])
    #expect(toOtherRun.status != 0)
    #expect(
      toOtherRun.stderr.contains("\(otherRun) holds another run's model (\(seeds)"),
      "\(toOtherRun.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: otherRun)) == otherBytes)
  }

  @Test func detectionAsksForFormatOnAFIFOInsteadOfHanging() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let fifo = directory.appendingPathComponent("pipe").path
      #expect(mkfifo(fifo, 0o600) == 0)
      let process = Process()
      process.executableURL = try CorpusCommandSupport.tagcliURL()
      process.arguments = ["stats", fifo]
      let error = Pipe()
      process.standardError = error
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      let deadline = Date().addingTimeInterval(30)
      while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
      if process.isRunning {
        process.terminate()
        Issue.record("stats hung on a FIFO")
      }
      let message = String(
        decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 1)
      #expect(message.contains("give --format"), "\(message)")
    }
  }
}
