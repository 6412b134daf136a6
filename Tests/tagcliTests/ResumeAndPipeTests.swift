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
