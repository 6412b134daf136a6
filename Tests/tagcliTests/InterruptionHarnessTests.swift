import Foundation
import Tagger
import Testing

/// Interrupts `tagcli train` with SIGINT or SIGKILL at random moments and checks what is left:
/// the model path is absent or a loadable model, the checkpoint is absent or resumable, no
/// temporary file remains, and resuming to the end gives the model of an uninterrupted run with
/// the same seed. Three trials by default; `TAGGER_LONG_TESTS=1` runs 50.
@Suite(.serialized) struct InterruptionHarnessTests {
  static let trialCount = ProcessInfo.processInfo.environment["TAGGER_LONG_TESTS"] == nil ? 3 : 50
  static let epochs = 4

  /// The arguments of one training run writing `model` in `directory`.
  static func trainArguments(_ train: String, model: String) -> [String] {
    ["train", train, "--dev", train, "--epochs", String(epochs), "--patience", "100", "-o", model]
      + TrainAndTagCommandTests.tinyNetwork
  }

  @Test func interruptedTrainingLeavesNothingBrokenAndResumesToTheSameModel() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let reference = directory.appendingPathComponent("reference.tagger").path
      let started = Date()
      let run = try CorpusCommandSupport.run(Self.trainArguments(train, model: reference))
      #expect(run.status == 0, "\(run.stderr)")
      let duration = Date().timeIntervalSince(started)
      let expected = try ModelFile.load(from: reference)
      var rng = SystemRandomNumberGenerator()
      for trial in 0..<Self.trialCount {
        let trialDirectory = directory.appendingPathComponent("trial-\(trial)")
        try FileManager.default.createDirectory(
          at: trialDirectory, withIntermediateDirectories: true)
        let delay = Double.random(in: 0...(duration * 1.1), using: &rng)
        let signal = Bool.random(using: &rng) ? SIGINT : SIGKILL
        try runTrial(
          train: train, directory: trialDirectory, delay: delay, signal: signal,
          expected: expected)
      }
    }
  }

  /// One trial: start, signal after `delay` seconds, check the leftovers, resume, compare.
  private func runTrial(
    train: String, directory: URL, delay: Double, signal: Int32, expected: TaggerModel
  ) throws {
    let model = directory.appendingPathComponent("m.tagger").path
    let checkpoint = model + ".checkpoint"
    let context = "signal \(signal) after \(String(format: "%.2f", delay)) s"
    let process = Process()
    process.executableURL = try CorpusCommandSupport.tagcliURL()
    process.arguments = Self.trainArguments(train, model: model)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: delay)
    if process.isRunning { kill(process.processIdentifier, signal) }
    process.waitUntilExit()

    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers.allSatisfy { !$0.hasSuffix(".tmp") }, "\(context): \(leftovers)")
    if FileManager.default.fileExists(atPath: model) {
      #expect(throws: Never.self, "\(context): model") { _ = try ModelFile.load(from: model) }
    }
    var final = model
    if FileManager.default.fileExists(atPath: checkpoint) {
      let state = try ModelFile.loadCheckpoint(from: checkpoint)
      if state.epochsDone < Self.epochs {
        let resumed = try CorpusCommandSupport.run(
          ["train", train, "--dev", train, "--resume", checkpoint, "-o", model])
        #expect(resumed.status == 0, "\(context): resume: \(resumed.stderr)")
      }
    } else {
      // Stopped before the first checkpoint: a fresh run with the same seed.
      final = directory.appendingPathComponent("fresh.tagger").path
      let fresh = try CorpusCommandSupport.run(Self.trainArguments(train, model: final))
      #expect(fresh.status == 0, "\(context): fresh run: \(fresh.stderr)")
    }
    let finished = try ModelFile.load(from: final)
    #expect(finished.network == expected.network, "\(context): the final weights differ")
    #expect(finished.tagSet == expected.tagSet && finished.vocabulary == expected.vocabulary)
  }
}
