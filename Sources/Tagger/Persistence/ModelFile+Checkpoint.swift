import Foundation

extension ModelFile {
  /// The training bookkeeping stored in a checkpoint's metadata.
  struct CheckpointInfo: Codable {
    var epochsDone: Int
    var randomState: String
    var bestDevAccuracy: Double
    var epochsWithoutImprovement: Int
    var options: TrainingOptions
  }

  /// Writes a checkpoint atomically: the model file plus optimiser state (tensors named
  /// `optimizer.…`) and the training bookkeeping (`checkpoint` metadata).
  ///
  /// - Throws: `ModelFileError` of kind `.io` when writing fails.
  public static func saveCheckpoint(_ state: TrainingState, to path: String) throws {
    let info = CheckpointInfo(
      epochsDone: state.epochsDone, randomState: String(state.randomState),
      bestDevAccuracy: state.bestDevAccuracy,
      epochsWithoutImprovement: state.epochsWithoutImprovement, options: state.options)
    let optimizerTensors = state.optimizerState.map {
      SafeTensors.Tensor(name: checkpointTensorPrefix + $0.name, matrix: $0.value, dtype: .f32)
    }
    // Checkpoints keep full precision: training resumes from exactly these weights.
    let bytes = try serializeExact(
      state.model, extraTensors: optimizerTensors, extraMetadata: ["checkpoint": json(info)],
      path: path)
    try writeAtomically(bytes, to: path)
  }

  /// Reads a checkpoint written by `saveCheckpoint`.
  ///
  /// - Throws: `ModelFileError` when the file is not a checkpoint or is damaged.
  public static func loadCheckpoint(from path: String) throws -> TrainingState {
    let file = try readFile(SafeTensors.self, path: path)
    guard file.metadata["checkpoint"] != nil else {
      throw ModelFileError(.notAModel("a model, not a training checkpoint"), path: path)
    }
    let info = try value(CheckpointInfo.self, file.metadata, "checkpoint", path)
    guard let randomState = UInt64(info.randomState) else {
      throw ModelFileError(.badHeader("malformed random state"), path: path)
    }
    let (model, others) = try decode(file, path: path)
    let optimizerState = others.compactMap { name, matrix -> (name: String, value: Matrix)? in
      guard name.hasPrefix(checkpointTensorPrefix) else { return nil }
      return (name: String(name.dropFirst(checkpointTensorPrefix.count)), value: matrix)
    }.sorted { $0.name < $1.name }
    return TrainingState(
      model: model, optimizerState: optimizerState, epochsDone: info.epochsDone,
      randomState: randomState, bestDevAccuracy: info.bestDevAccuracy,
      epochsWithoutImprovement: info.epochsWithoutImprovement, options: info.options)
  }
}
