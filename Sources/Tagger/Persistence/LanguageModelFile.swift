import Foundation

/// Reads and writes a `CharacterLanguageModel` in the tagger's safetensors model file.
///
/// Same layout, version and checksum as `ModelFile`; the header says `"task": "lm"` (which
/// `ModelFile.load` refuses) and holds `lmConfiguration`, the character vocabulary
/// (`characters`, reserved markers first) and the provenance. Tensors are the decoder's parameter
/// names (`layers.0.wx`, `output.weight`), all Float32. A checkpoint adds the optimiser state
/// (`optimizer.…` tensors) and the training bookkeeping (`lmCheckpoint` metadata).
public enum LanguageModelFile {
  /// The value of the `task` metadata key of a language model.
  public static let task = "lm"

  /// Writes `model` to `path` atomically.
  ///
  /// - Throws: `ModelFileError` of kind `.io` when writing fails.
  public static func save(_ model: CharacterLanguageModel, to path: String) throws {
    try ModelFile.writeAtomically(try serialize(model, path: path), to: path)
  }

  /// Reads a language model, checking the format, task, version, shapes and checksum.
  ///
  /// - Throws: `ModelFileError`, of kind `.wrongTask` for a tagger model.
  public static func load(from path: String) throws -> CharacterLanguageModel {
    try decode(try ModelFile.readFile(SafeTensors.self, path: path), path: path).model
  }

  /// `load(from:)`, then the decoder's weights packed once for generating or scoring many lines
  /// (`CharacterLanguageModel.packForInference`): how `tagcli generate` and `lm eval` read one.
  public static func loadForInference(from path: String) throws -> CharacterLanguageModel {
    var model = try load(from: path)
    model.packForInference()
    return model
  }

  /// The bookkeeping stored in a checkpoint's metadata.
  struct CheckpointInfo: Codable {
    var epochsDone: Int
    var stepsDone: Int
    var learningRate: Float
    var randomState: String
    var bestDevBitsPerCharacter: Double?
    var epochsWithoutImprovement: Int
    var options: LanguageModelTrainingOptions
  }

  /// Writes a training checkpoint atomically.
  ///
  /// - Throws: `ModelFileError` of kind `.io` when writing fails.
  public static func saveCheckpoint(_ state: LanguageModelTrainingState, to path: String) throws {
    let info = CheckpointInfo(
      epochsDone: state.epochsDone, stepsDone: state.stepsDone, learningRate: state.learningRate,
      randomState: String(state.randomState),
      bestDevBitsPerCharacter: state.bestDevBitsPerCharacter.isFinite
        ? state.bestDevBitsPerCharacter : nil,
      epochsWithoutImprovement: state.epochsWithoutImprovement, options: state.options)
    var optimizerTensors = state.optimizerState.map {
      SafeTensors.Tensor(
        name: ModelFile.optimizerTensorPrefix + $0.name, matrix: $0.value, dtype: .f32)
    }
    for (name, value) in state.averagedDecoder?.namedParameters ?? [] {
      optimizerTensors.append(
        SafeTensors.Tensor(name: ModelFile.averageTensorPrefix + name, matrix: value, dtype: .f32))
    }
    let bytes = try serialize(
      state.model, extraTensors: optimizerTensors,
      extraMetadata: ["lmCheckpoint": ModelFile.json(info)], path: path)
    try ModelFile.writeAtomically(bytes, to: path)
  }

  /// Reads a checkpoint written by `saveCheckpoint`.
  ///
  /// - Throws: `ModelFileError` when the file is not a language-model checkpoint or is damaged.
  public static func loadCheckpoint(from path: String) throws -> LanguageModelTrainingState {
    let file = try ModelFile.readFile(SafeTensors.self, path: path)
    let (model, others) = try decode(file, path: path)
    guard file.metadata["lmCheckpoint"] != nil else {
      throw ModelFileError(.notACheckpoint, path: path)
    }
    let info = try ModelFile.value(CheckpointInfo.self, file.metadata, "lmCheckpoint", path)
    guard let randomState = UInt64(info.randomState) else {
      throw ModelFileError(.badHeader("malformed random state"), path: path)
    }
    let prefix = ModelFile.optimizerTensorPrefix
    let optimizerState = others.compactMap { name, matrix -> (name: String, value: Matrix)? in
      name.hasPrefix(prefix) ? (name: String(name.dropFirst(prefix.count)), value: matrix) : nil
    }.sorted { $0.name < $1.name }
    var averaged: RecurrentDecoder?
    if info.options.averageDecay > 0 {
      var decoder = model.decoder
      for entry in decoder.parameterPaths {
        let name = ModelFile.averageTensorPrefix + entry.name
        guard let value = others[name], value.shape == decoder[keyPath: entry.path].shape else {
          throw ModelFileError(.missingTensor(name), path: path)
        }
        decoder[keyPath: entry.path] = value
      }
      averaged = decoder
    }
    return LanguageModelTrainingState(
      model: model, averagedDecoder: averaged, learningRate: info.learningRate,
      stepsDone: info.stepsDone,
      optimizerState: optimizerState, epochsDone: info.epochsDone, randomState: randomState,
      bestDevBitsPerCharacter: info.bestDevBitsPerCharacter ?? .infinity,
      epochsWithoutImprovement: info.epochsWithoutImprovement, options: info.options)
  }

  static func serialize(
    _ model: CharacterLanguageModel, extraTensors: [SafeTensors.Tensor] = [],
    extraMetadata: [String: String] = [:], path: String
  ) throws -> [UInt8] {
    let tensors = model.decoder.namedParameters.map {
      SafeTensors.Tensor(name: $0.name, matrix: $0.value, dtype: .f32)
    }
    var metadata = extraMetadata
    metadata["format"] = "tagger"
    metadata["formatVersion"] = String(ModelFile.currentVersion)
    metadata["task"] = task
    metadata["lmConfiguration"] = try ModelFile.json(model.configuration)
    metadata["characters"] = try ModelFile.json(model.vocabulary.entries)
    metadata["provenance"] = try ModelFile.json(model.provenance)
    metadata["weightsChecksum"] = SafeTensors.checksum(of: tensors)
    metadata[ModelFile.fileChecksumKey] = ModelFile.checksumPlaceholder
    do {
      return ModelFile.sealed(
        try SafeTensors(metadata: metadata, tensors: tensors + extraTensors).serialized())
    } catch {
      throw ModelFileError(.io("cannot encode the model: \(error)"), path: path)
    }
  }

  static func decode(_ file: SafeTensors, path: String) throws -> (
    model: CharacterLanguageModel, otherTensors: [String: Matrix]
  ) {
    let metadata = try ModelFile.migrated(file.metadata, path: path)
    guard metadata["task"] == task else {
      throw ModelFileError(
        .wrongTask(
          "this is a tagger model, not a character language model; use tagcli tag or train one"
            + " with tagcli lm train"), path: path)
    }
    let modelTensors = file.tensors.filter { !ModelFile.isCheckpointTensor($0.name) }
    guard metadata["weightsChecksum"] == SafeTensors.checksum(of: modelTensors) else {
      throw ModelFileError(.checksumMismatch, path: path)
    }
    let configuration = try ModelFile.value(
      LanguageModelConfiguration.self, metadata, "lmConfiguration", path)
    guard configuration.layerCount >= 1, configuration.hiddenSize >= 1,
      configuration.embeddingSize >= 1, (0..<1).contains(configuration.dropout),
      (0..<1).contains(configuration.weightDrop ?? 0)
    else {
      throw ModelFileError(.badHeader("impossible lmConfiguration"), path: path)
    }
    guard
      let vocabulary = CharacterVocabulary(
        entries: try ModelFile.value([String].self, metadata, "characters", path))
    else {
      throw ModelFileError(.badHeader("malformed character vocabulary"), path: path)
    }
    let provenance = try ModelFile.value(
      CharacterLanguageModel.Provenance.self, metadata, "provenance", path)
    var tensors: [String: Matrix] = [:]
    for tensor in file.tensors { tensors[tensor.name] = tensor.matrix }
    var rng = SplitMix64(seed: 0)
    var decoder = RecurrentDecoder(
      configuration: configuration, vocabularySize: vocabulary.count, using: &rng)
    try ModelFile.assignParameters(from: &tensors, to: &decoder, path: path)
    let model = CharacterLanguageModel(
      configuration: configuration, vocabulary: vocabulary, decoder: decoder,
      provenance: provenance)
    return (model, tensors)
  }
}
