import Foundation

extension ModelFile {
  /// The training bookkeeping stored in a checkpoint's metadata.
  struct CheckpointInfo: Codable {
    var epochsDone: Int
    var stepsDone: Int
    var learningRate: Float
    var randomState: String
    var bestDevAccuracy: Double
    var epochsWithoutImprovement: Int
    var options: TrainingOptions
    /// Absent in checkpoints written between epochs (and by older versions).
    var epochProgress: EpochProgress?
  }

  /// Writes a checkpoint atomically: the model file plus optimiser state (tensors named
  /// `optimizer.…`) and the training bookkeeping (`checkpoint` metadata).
  ///
  /// - Throws: `ModelFileError` of kind `.io` when writing fails.
  public static func saveCheckpoint(_ state: TrainingState, to path: String) throws {
    let info = CheckpointInfo(
      epochsDone: state.epochsDone, stepsDone: state.stepsDone, learningRate: state.learningRate,
      randomState: String(state.randomState),
      bestDevAccuracy: state.bestDevAccuracy,
      epochsWithoutImprovement: state.epochsWithoutImprovement, options: state.options,
      epochProgress: state.epochProgress)
    var optimizerTensors = state.optimizerState.map {
      SafeTensors.Tensor(name: optimizerTensorPrefix + $0.name, matrix: $0.value, dtype: .f32)
    }
    for (name, value) in state.averagedNetwork?.namedParameters ?? [] {
      optimizerTensors.append(
        SafeTensors.Tensor(name: averageTensorPrefix + name, matrix: value, dtype: .f32))
    }
    let bytes = try serialize(
      state.model, extraTensors: optimizerTensors, extraMetadata: ["checkpoint": json(info)],
      isExact: true, path: path)
    try writeAtomically(bytes, to: path)
  }

  /// Reads a checkpoint written by `saveCheckpoint`.
  ///
  /// - Throws: `ModelFileError` when the file is not a checkpoint or is damaged.
  public static func loadCheckpoint(from path: String) throws -> TrainingState {
    let file = try readFile(SafeTensors.self, path: path)
    if file.metadata["lmCheckpoint"] != nil {
      throw ModelFileError(
        .wrongTask(
          "this is a character language model's checkpoint, not a tagger's; resume it with "
            + "tagcli lm train --resume"), path: path)
    }
    guard file.metadata["checkpoint"] != nil else {
      throw ModelFileError(.notACheckpoint, path: path)
    }
    let info = try value(CheckpointInfo.self, file.metadata, "checkpoint", path)
    guard let randomState = UInt64(info.randomState) else {
      throw ModelFileError(.badHeader("malformed random state"), path: path)
    }
    let (model, others) = try decode(file, path: path)
    let optimizerState = others.compactMap { name, matrix -> (name: String, value: Matrix)? in
      guard name.hasPrefix(optimizerTensorPrefix) else { return nil }
      return (name: String(name.dropFirst(optimizerTensorPrefix.count)), value: matrix)
    }.sorted { $0.name < $1.name }
    var averaged: TaggerNetwork?
    if info.options.averageDecay > 0 {
      var network = model.network
      for entry in network.parameterPaths {
        guard let value = others[averageTensorPrefix + entry.name],
          value.shape == network[keyPath: entry.path].shape
        else {
          throw ModelFileError(.missingTensor(averageTensorPrefix + entry.name), path: path)
        }
        network[keyPath: entry.path] = value
      }
      averaged = network
    }
    return TrainingState(
      model: model, averagedNetwork: averaged, learningRate: info.learningRate,
      stepsDone: info.stepsDone, optimizerState: optimizerState, epochsDone: info.epochsDone,
      randomState: randomState, bestDevAccuracy: info.bestDevAccuracy,
      epochsWithoutImprovement: info.epochsWithoutImprovement, options: info.options,
      epochProgress: info.epochProgress)
  }
}
