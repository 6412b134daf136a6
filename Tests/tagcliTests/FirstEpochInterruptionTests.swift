import Foundation
import Tagger
import Testing

/// Ctrl-C inside the first epoch (before any checkpoint existed) leaves a checkpoint that says
/// where it resumes, and `--resume` continues from it.
@Suite struct FirstEpochInterruptionTests {
  /// `train-tiny.conllu` repeated until one epoch (one sentence per batch) takes seconds.
  static func writeLargeCorpus(to path: String) throws {
    let sentences = try String(
      contentsOfFile: try CorpusCommandSupport.fixture("train-tiny.conllu"), encoding: .utf8)
    let text = String(repeating: sentences.trimmingCharacters(in: .newlines) + "\n\n", count: 100)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  static let network = [
    "--layers", "1", "--hidden", "8", "--word-dim", "8", "--char-dim", "4", "--char-hidden", "4",
    "--min-word-count", "1", "--batch-size", "1", "--seed", "7", "--tag", "upos", "--epochs", "1",
    "--patience", "100",
  ]

  /// Whether process `pid` has a handler for SIGINT (`SigCgt` in `/proc/PID/status`).
  static func catchesSIGINT(_ pid: Int32) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
      let mask = UInt64(
        line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
    else { return false }
    return mask & (1 << (UInt64(SIGINT) - 1)) != 0
  }

  /// Runs tagcli with `arguments`, sends SIGINT half a second after its handler is installed
  /// (while the data is read or in the first epoch), and returns its exit status (-1 when a
  /// signal ended it) and standard error.
  static func interruptedEarly(_ arguments: [String], in directory: URL) throws -> (
    status: Int32, stderr: String
  ) {
    let process = Process()
    process.executableURL = try CorpusCommandSupport.tagcliURL()
    process.arguments = arguments
    let errorURL = directory.appendingPathComponent("stderr.txt")
    #expect(FileManager.default.createFile(atPath: errorURL.path, contents: nil))
    process.standardError = try FileHandle(forWritingTo: errorURL)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while !catchesSIGINT(process.processIdentifier) && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.02)
    }
    Thread.sleep(forTimeInterval: 0.5)
    #expect(process.isRunning, "the first epoch ended too soon for this test")
    process.interrupt()
    process.waitUntilExit()
    return (
      process.terminationReason == .exit ? process.terminationStatus : -1,
      try String(contentsOf: errorURL, encoding: .utf8)
    )
  }

  @Test func sigintInTheFirstEpochWritesAResumableCheckpoint() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let train = directory.appendingPathComponent("large.conllu").path
      try Self.writeLargeCorpus(to: train)
      let dev = try CorpusCommandSupport.fixture("train-tiny.conllu")
      let model = directory.appendingPathComponent("m.tagger").path
      let checkpoint = model + ".checkpoint"
      let (status, stderr) = try Self.interruptedEarly(
        ["train", train, "--dev", dev, "-o", model] + Self.network, in: directory)
      #expect(status == 130)

      let state = try ModelFile.loadCheckpoint(from: checkpoint)
      #expect(state.epochsDone == 0)
      let progress = try #require(state.epochProgress)
      #expect(
        stderr.contains(
          "the checkpoint (inside epoch 1, after batch \(progress.batchesDone)) is in "
            + "\(checkpoint): continue with --resume \(checkpoint)"), "\(stderr)")
      #expect(stderr.contains("the best model so far is in \(model)"))
      #expect(throws: Never.self) { _ = try ModelFile.load(from: model) }

      let resumed = try CorpusCommandSupport.run(
        ["train", train, "--dev", dev, "--resume", checkpoint, "-o", model])
      #expect(resumed.status == 0, "\(resumed.stderr)")
      #expect(
        resumed.stdout.contains(
          "resuming \(checkpoint) inside epoch 1, after batch \(progress.batchesDone)"),
        "\(resumed.stdout)")
      #expect(try ModelFile.loadCheckpoint(from: checkpoint).epochsDone == 1)
    }
  }
}
