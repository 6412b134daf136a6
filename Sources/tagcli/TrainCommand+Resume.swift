import ArgumentParser
import Foundation
import Tagger

extension TrainCommand {
  /// Refuses a model or checkpoint path that is a training or dev file (or the model the
  /// checkpoint being resumed; the checkpoint itself may be rewritten as it goes on).
  ///
  /// - Throws: `ValidationError` from `OutputGuard`.
  func refuseOverwritingInputs() throws {
    let data = treebanks + [dev].compactMap { $0 }
    let model = OutputGuard.Output(option: "-o", path: output)
    try OutputGuard.refuseOverwriting(inputs: data + [resume].compactMap { $0 }, outputs: [model])
    try OutputGuard.refuseOverwriting(
      inputs: data, outputs: [model, .init(option: "--checkpoint", path: checkpointPath)])
  }

  /// Refuses to resume a checkpoint on other training data than it was trained on.
  ///
  /// - Throws: `ValidationError` naming the checkpoint and both data checksums.
  func checkSameData(_ state: TrainingState, resume: String, training: [TaggedSentence]) throws {
    let saved = state.model.provenance.trainingChecksum
    let given = training.checksum()
    guard saved == given else {
      throw ValidationError(
        "--resume \(resume) was trained on other data (checksum \(saved)) than "
          + "\(treebanks.joined(separator: ", ")) (checksum \(given)); give the same treebanks, "
          + "--dev and --tag again")
    }
  }

  /// After Ctrl-C: says where the best model and the checkpoint are, and exits with 130 (the
  /// shell's status for SIGINT).
  func interruptedExit() -> ExitCode {
    var message = "interrupted: the best model so far is in \(output)"
    if FileManager.default.fileExists(atPath: checkpointPath) {
      message += "; continue with --resume \(checkpointPath) (same treebanks and --dev)"
    } else {
      message += "; no epoch finished, so there is no checkpoint to resume"
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return ExitCode(130)
  }
}
