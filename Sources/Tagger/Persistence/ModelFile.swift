import Corpora
import Foundation

/// Reads and writes a `TaggerModel` as one self-describing safetensors file.
///
/// The header's `__metadata__` holds `format` (`"tagger"`), `formatVersion`, the configuration,
/// the vocabularies, the tag set, the provenance (seed, training checksum, log), the exact
/// training forms (`ModelFile+TrainingForms.swift`; absent in older files), a checksum of
/// the weights and (from version 2) a checksum of the whole file, header included
/// (`ModelFile+Integrity.swift`). Tensor names are the network's parameter names (`stack.layers.0.forward.wx`).
/// Embedding tables are stored as Float16, everything else as Float32.
public enum ModelFile {
  /// The format version this build writes.
  public static let currentVersion = 2
  /// The versions this build reads; upgrades live in `ModelFile+Migrations.swift`.
  public static let readableVersions = 1...2

  /// Writes `model` to `path` atomically: a temporary file in the same folder, then a rename.
  ///
  /// An interrupted or failed write never leaves a half-written model at `path`.
  /// - Throws: `ModelFileError` of kind `.io` when writing fails.
  public static func save(_ model: TaggerModel, to path: String) throws {
    let bytes = try serialize(model, path: path)
    try writeAtomically(bytes, to: path)
  }

  /// Reads a model, checking the version, every tensor's shape and the weights' checksum.
  ///
  /// - Throws: `ModelFileError` for missing, truncated, corrupted or too-new files.
  public static func load(from path: String) throws -> TaggerModel {
    try decode(try readFile(SafeTensors.self, path: path), path: path).model
  }

  /// `load(from:)`, then the recurrent weights packed once for tagging many sentences
  /// (`TaggerModel.packForInference`): how `tagcli tag`, `eval` and `serve` read a model.
  public static func loadForInference(from path: String) throws -> TaggerModel {
    var model = try load(from: path)
    model.packForInference()
    return model
  }

  /// Rounds the tensors stored as Float16 so that the in-memory model equals what a save and a
  /// load give back (bit-identical predictions before and after saving).
  public static func roundedForStorage(_ model: TaggerModel) -> TaggerModel {
    var rounded = model
    for entry in model.network.parameterPaths where dtype(ofTensor: entry.name) == .f16 {
      rounded.network[keyPath: entry.path].storage =
        model.network[keyPath: entry.path].storage.map { Float(Float16($0)) }
    }
    if let lemmaDecoder = model.lemmaDecoder {
      for entry in lemmaDecoder.network.parameterPaths where dtype(ofTensor: entry.name) == .f16 {
        rounded.lemmaDecoder!.network[keyPath: entry.path].storage =
          lemmaDecoder.network[keyPath: entry.path].storage.map { Float(Float16($0)) }
      }
    }
    rounded.ensembleMembers = model.ensembleMembers.map(roundedForStorage)
    return rounded
  }

  /// Tensors of a checkpoint that are not model weights start with one of these: optimiser
  /// state and the moving average of the weights.
  static let optimizerTensorPrefix = "optimizer."
  static let averageTensorPrefix = "average."

  static func isCheckpointTensor(_ name: String) -> Bool {
    name.hasPrefix(optimizerTensorPrefix) || name.hasPrefix(averageTensorPrefix)
  }

  static func dtype(ofTensor name: String) -> SafeTensors.DType {
    name.hasSuffix("embedding.table") || name == "words.table" ? .f16 : .f32
  }

  /// The file's bytes: the model's tensors (embeddings in Float16 unless `isExact`, which
  /// checkpoints ask for so training resumes from exactly their weights), then `extraTensors`.
  /// An ensemble's other members follow as `ensemble.K.`-prefixed tensors
  /// (`ModelFile+Ensemble.swift`).
  static func serialize(
    _ model: TaggerModel, extraTensors: [SafeTensors.Tensor] = [],
    extraMetadata: [String: String] = [:], isExact: Bool = false, path: String
  ) throws -> [UInt8] {
    var (metadata, modelTensors) = try modelParts(model, isExact: isExact)
    metadata.merge(extraMetadata) { own, _ in own }
    let (ensembleMetadata, memberTensors) = try ensembleParts(model, isExact: isExact)
    metadata.merge(ensembleMetadata) { $1 }
    modelTensors += memberTensors
    metadata["format"] = "tagger"
    metadata["formatVersion"] = String(currentVersion)
    metadata["weightsChecksum"] = SafeTensors.checksum(of: modelTensors)
    metadata[fileChecksumKey] = checksumPlaceholder
    do {
      return sealed(
        try SafeTensors(metadata: metadata, tensors: modelTensors + extraTensors).serialized())
    } catch {
      throw ModelFileError(.io("cannot encode the model: \(error)"), path: path)
    }
  }

  /// One model's metadata (configuration, vocabularies, tags, heads, provenance) and tensors,
  /// without its ensemble's other members and without the file's own keys.
  static func modelParts(_ model: TaggerModel, isExact: Bool) throws -> (
    metadata: [String: String], tensors: [SafeTensors.Tensor]
  ) {
    let parameters =
      model.network.namedParameters + (model.lemmaDecoder?.network.namedParameters ?? [])
    let tensors = parameters.map {
      SafeTensors.Tensor(
        name: $0.name, matrix: $0.value, dtype: isExact ? .f32 : dtype(ofTensor: $0.name))
    }
    var metadata = try headMetadata(model)
      .merging(try trainingFormsMetadata(model.trainingForms)) { $1 }
    metadata["configuration"] = try json(model.configuration)
    metadata["words"] = try json(model.vocabulary.entries)
    metadata["characters"] = try json(model.characterVocabulary.entries)
    metadata["tags"] = try json(model.tagSet.tags)
    metadata["provenance"] = try json(model.provenance)
    if model.heads != .tagger(layer: model.provenance.tagLayer) {
      metadata["heads"] = try json(model.heads)
      metadata["labels"] = try json(model.labelSet.tags)
    }
    return (metadata, tensors)
  }

  /// Decodes a model from parsed safetensors, returning the tensors the model did not use.
  static func decode(_ file: SafeTensors, path: String) throws -> (
    model: TaggerModel, otherTensors: [String: Matrix]
  ) {
    let metadata = try ModelFile.migrated(file.metadata, path: path)
    if let task = metadata["task"] {
      throw ModelFileError(
        .wrongTask(
          task == LanguageModelFile.task
            ? "this is a character language model (\"task\": \"lm\"), not a tagger; use"
              + " tagcli generate or tagcli lm eval"
            : "unknown task \"\(task)\""), path: path)
    }
    var tensors: [String: Matrix] = [:]
    for tensor in file.tensors { tensors[tensor.name] = tensor.matrix }
    let modelTensors = file.tensors.filter { !isCheckpointTensor($0.name) }
    guard metadata["weightsChecksum"] == SafeTensors.checksum(of: modelTensors) else {
      throw ModelFileError(.checksumMismatch, path: path)
    }
    let storedWeights = modelTensors.reduce(0) { $0 + $1.matrix.storage.count }
    var model = try decodeModel(
      metadata, tensors: &tensors, storedWeights: storedWeights, path: path)
    try decodeEnsemble(metadata, into: &model, tensors: &tensors, path: path)
    return (model, tensors)
  }

  /// One model from its metadata, its weights moved out of `tensors`; `storedWeights` (all the
  /// file's weights) bounds what a hostile header may ask to allocate.
  static func decodeModel(
    _ metadata: [String: String], tensors: inout [String: Matrix], storedWeights: Int,
    path: String
  ) throws -> TaggerModel {
    let configuration = try value(TaggerConfiguration.self, metadata, "configuration", path)
    guard configuration.cellKind != nil else {
      throw ModelFileError(.badHeader("unknown cell \"\(configuration.cell)\""), path: path)
    }
    let words = try value([String].self, metadata, "words", path)
    guard words.count >= 2, words[0] == "<pad>", words[1] == "<unk>" else {
      throw ModelFileError(.badHeader("the word vocabulary lacks <pad> and <unk>"), path: path)
    }
    guard
      let characters = CharacterVocabulary(
        entries: try value([String].self, metadata, "characters", path))
    else {
      throw ModelFileError(.badHeader("malformed character vocabulary"), path: path)
    }
    let tags = TagSet(tags: try value([String].self, metadata, "tags", path))
    let provenance = try value(TaggerModel.Provenance.self, metadata, "provenance", path)
    let (heads, labels) = try decodeHeads(metadata, provenance: provenance, path: path)
    let layerTagSets = try layerTagSets(metadata, heads: heads, path: path)
    try checkSizes(
      configuration, wordCount: words.count, characterCount: characters.count,
      tagCount: heads.tags == nil ? 0 : tags.count, requiresTags: heads.tags != nil,
      layerTagCounts: layerTagSets.map(\.count), storedWeights: storedWeights, path: path)
    let featureVocabularies = try featureVocabularies(
      metadata, configuration: configuration, path: path)
    var rng = SplitMix64(seed: 0)
    var network = TaggerNetwork(
      configuration: configuration, wordCount: words.count, characterCount: characters.count,
      tagCount: heads.tags == nil ? 0 : tags.count, labelCount: labels.count,
      pooling: heads.label?.pooling ?? .last, featureValueCounts: featureVocabularies.map(\.count),
      layerTagCounts: layerTagSets.map(\.count), using: &rng)
    try assignParameters(from: &tensors, to: &network, path: path)
    var model = TaggerModel(
      configuration: configuration,
      vocabulary: Vocabulary(entries: words, normalization: configuration.normalization),
      characterVocabulary: characters, tagSet: tags, network: network, provenance: provenance,
      heads: heads, labelSet: labels)
    model.featureVocabularies = featureVocabularies
    model.layerTagSets = layerTagSets
    model.lemmaDictionary = try lemmaDictionary(metadata, heads: heads, path: path)
    model.lemmaDecoder = try lemmaDecoder(
      metadata, heads: heads, tags: tags, dictionary: model.lemmaDictionary,
      contextSize: 2 * network.stack.hiddenSize,
      storedWeights: storedWeights, tensors: &tensors,
      path: path)
    model.decodingDefaults = try decodingDefaults(metadata, path: path)
    model.trainingForms = try trainingForms(metadata, path: path)
    return model
  }

  static func readFile(_: SafeTensors.Type, path: String) throws -> SafeTensors {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw ModelFileError(.io("no such model file"), path: path)
    }
    guard !isFolder.boolValue else {
      throw ModelFileError(.io("this is a folder, not a model file"), path: path)
    }
    // Not FileManager.contents(atPath:): in swift-foundation 6.3 it leaks a 4 KB buffer per
    // call on small files (LeakSanitizer, found by the `model` fuzz target).
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ModelFileError(.io("cannot read the model file"), path: path)
    }
    defer { try? handle.close() }  // a read-only handle: closing cannot lose data
    let data: Data?
    do {
      data = try handle.readToEnd()
    } catch {
      throw ModelFileError(
        .io("cannot read the model file: \(error.localizedDescription)"), path: path)
    }
    let bytes = [UInt8](data ?? Data())
    let file = try SafeTensors(bytes: bytes, path: path)
    _ = try migrated(file.metadata, path: path)  // a too-new version says so, not "corrupted"
    try verifyIntegrity(bytes, metadata: file.metadata, path: path)
    return file
  }

  /// Writes through `SafeFile`: a temporary file renamed over the target (links followed), or
  /// in place for a device or FIFO.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    do {
      try SafeFile.write(bytes, to: path)
    } catch let error as CorpusError {
      throw ModelFileError(.io(error.message), path: path)
    }
  }

  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func value<Value: Decodable>(
    _ type: Value.Type, _ metadata: [String: String], _ key: String, _ path: String
  ) throws -> Value {
    guard let text = metadata[key] else {
      throw ModelFileError(.badHeader("missing \"\(key)\""), path: path)
    }
    do {
      return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
    } catch {
      throw ModelFileError(.badHeader("malformed \"\(key)\""), path: path)
    }
  }
}
