import ArgumentParser
import Foundation
import Tagger

extension TrainCommand {
  /// Refuses `--seeds` outside 1…16, and beside the options of a checkpointed run.
  ///
  /// - Throws: `ValidationError` naming the option.
  func validateSeeds() throws {
    guard (1...16).contains(seeds) else {
      throw ValidationError("--seeds \(seeds): give 1 to 16 models")
    }
    guard seeds > 1 else { return }
    if resume != nil {
      throw ValidationError("--seeds trains an ensemble without checkpoints; it cannot --resume")
    }
    if checkpoint != nil {
      throw ValidationError("--seeds trains an ensemble without checkpoints; drop --checkpoint")
    }
  }

  /// Trains `seeds` models one after the other with seeds `options.seed`, `options.seed + 1`, …
  /// and saves them as one ensemble. After each better epoch of a member, the output holds the
  /// finished members and that epoch's model, so an interruption keeps what is done. The
  /// ensemble's temperature is fitted on dev; only the first member trains a lemma decoder
  /// (the ensemble uses the first member's).
  func runEnsemble(options: TrainingOptions, data: TrainingData) throws {
    var members: [TaggerModel] = []
    for index in 0..<seeds {
      var memberOptions = options
      memberOptions.seed = options.seed &+ UInt64(index)
      if index > 0 { memberOptions.lemmaDecoderEpochs = 0 }
      print("member \(index + 1) of \(seeds): seed \(memberOptions.seed)")
      fflush(nil)
      var trainer = Trainer(
        training: data.training, dev: data.dev, options: memberOptions, tagLayer: corpus.layer,
        heads: heads)
      var noCheckpoint: String?
      let best = try runTraining(
        &trainer, checkpointPoint: &noCheckpoint, ensembleMembers: members)
      if let best { members.append(best) }
      if Interruption.isRequested { break }
    }
    guard !members.isEmpty else {
      throw ValidationError("training stopped before any model was saved")
    }
    var ensemble = try TaggerModel.ensemble(members)
    if ensemble.heads.tags != nil {
      ensemble.decodingDefaults.temperature = ensemble.fittedTemperature(on: data.dev)
    }
    try ModelFile.save(ensemble, to: output)
    print("ensemble of \(members.count) models saved to \(output)")
    ensemble.packForInference()  // scored as `tagcli eval -m` scores the saved file
    try printDevReport(ensemble, dev: data.dev)
    if Interruption.isRequested {
      FileHandle.standardError.write(
        Data(
          ("interrupted: \(output) holds \(members.count) of the \(seeds) members, the last one as"
            + " far as it got (an ensemble has no checkpoint to resume)\n").utf8))
      throw ExitCode(130)
    }
  }
}
