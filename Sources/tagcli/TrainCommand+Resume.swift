import ArgumentParser
import Foundation
import Tagger

extension TrainCommand {
  /// Refuses a model or checkpoint path that is one of the inputs (`OutputGuard`'s training rule).
  ///
  /// - Throws: `ValidationError` from `OutputGuard`.
  func refuseOverwritingInputs() throws {
    try OutputGuard.refuseOverwritingTrainingInputs(
      data: treebanks + [dev].compactMap { $0 }, resume: resume, model: output,
      checkpoint: checkpointPath)
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

  /// What `--resume` continues from: after an epoch, or inside one at its next batch.
  static func resumePoint(_ state: TrainingState) -> String {
    guard let progress = state.epochProgress else { return "after epoch \(state.epochsDone)" }
    return "inside epoch \(state.epochsDone + 1), after batch \(progress.batchesDone)"
  }

  /// The best model of a resumed run in which no epoch beat the checkpoint's best dev score:
  /// the one the run saved to `-o` before it was checkpointed.
  ///
  /// - Throws: `ValidationError` when `output` does not exist, or holds another run's model
  ///   (another seed, other training data or another network).
  func savedBestModel(of state: TrainingState) throws -> TaggerModel {
    let run = state.model
    return try ResumedBestModel.load(
      output, bestScore: String(format: "%.2f %%", state.bestDevAccuracy),
      using: { try ModelFile.load(from: $0) }
    ) { saved in
      ResumedBestModel.differences(
        seed: (saved.provenance.seed, run.provenance.seed),
        trainingData: (saved.provenance.trainingChecksum, run.provenance.trainingChecksum),
        sameNetwork: saved.configuration == run.configuration)
    }
  }

  /// After Ctrl-C: says where the best model and the checkpoint are, and exits with 130 (the
  /// shell's status for SIGINT). Training writes a checkpoint when interrupted, also inside the
  /// first epoch; `checkpointPoint` is the `resumePoint` of the last one written, nil for none.
  func interruptedExit(checkpointPoint: String?) -> ExitCode {
    var message = "interrupted: the best model so far is in \(output)"
    if let checkpointPoint {
      message +=
        "; the checkpoint (\(checkpointPoint)) is in \(checkpointPath): continue with"
        + " --resume \(checkpointPath) (same treebanks and --dev)"
    } else {
      message += "; there is no checkpoint to resume at \(checkpointPath)"
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return ExitCode(130)
  }
}
