import Foundation
import Testing

@testable import Tagger

@Suite struct ModelFileTests {
  @Test func saveAndLoadGiveBitIdenticalPredictions() throws {
    let model = try TaggerSamples.trainedModel(epochs: 3)
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("m.tagger").path
    try ModelFile.save(model, to: path)
    let loaded = try ModelFile.load(from: path)
    #expect(loaded == model, "trained models are already rounded for storage")
    let words = TaggerSamples.sentences.map(\.words) + [["unseen", "words", "here"]]
    #expect(loaded.predict(words, topK: 3) == model.predict(words, topK: 3))
  }

  @Test func truncatedFileIsAnErrorNotACrash() throws {
    let (path, directory) = try savedModelPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    for length in [0, 5, 20, bytes.count / 2, bytes.count - 1] {
      try bytes.prefix(length).write(to: URL(fileURLWithPath: path))
      let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
      switch error.kind {
      case .truncated, .notAModel: break
      default: Issue.record("length \(length): unexpected \(error)")
      }
    }
  }

  @Test func aFolderIsRefusedAsSuch() throws {
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let error = try #require(throws: ModelFileError.self) {
      try ModelFile.load(from: directory.path)
    }
    #expect("\(error)".contains("folder"), "\(error)")
    #expect("\(error)".contains(directory.path), "\(error)")
  }

  @Test func flippedWeightBitIsDetected() throws {
    let (path, directory) = try savedModelPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[bytes.count - 3] ^= 0x40
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    #expect(error.kind == .checksumMismatch)
  }

  @Test func newerVersionGivesTheUpgradeMessage() throws {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    var file = try SafeTensors(
      bytes: ModelFile.serialize(model, extraTensors: [], extraMetadata: [:], path: "x"), path: "x")
    file.metadata["formatVersion"] = "3"
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("en.tagger").path
    try Data(try file.serialized()).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    #expect(
      error.description
        == "\(path): model format version 3 is newer than this tagcli (reads 1...2); upgrade tagcli or retrain"
    )
  }

  @Test func wrongTensorShapeIsNamed() throws {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    var file = try SafeTensors(
      bytes: ModelFile.serialize(model, extraTensors: [], extraMetadata: [:], path: "x"), path: "x")
    let index = try #require(file.tensors.firstIndex { $0.name == "classifier.bias" })
    file.tensors[index].matrix = Matrix(rows: 1, columns: 8)
    file.metadata["weightsChecksum"] = SafeTensors.checksum(of: file.tensors)
    let error = try #require(throws: ModelFileError.self) {
      try ModelFile.decode(SafeTensors(bytes: file.serialized(), path: "m"), path: "m")
    }
    #expect(
      error.kind == .shapeMismatch(tensor: "classifier.bias", found: [1, 8], expected: [1, 6]))
  }

  @Test func checkpointRestoresTheTrainingState() throws {
    var trainer = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences,
      options: TaggerSamples.tinyOptions(), tagLayer: .name("upos"))
    var saved: TrainingState?
    _ = try trainer.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { saved = $0 })
    let state = try #require(saved)
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("c.checkpoint").path
    try ModelFile.saveCheckpoint(state, to: path)
    let loaded = try ModelFile.loadCheckpoint(from: path)
    #expect(loaded.model == state.model)
    #expect(loaded.epochsDone == 1 && loaded.randomState == state.randomState)
    #expect(loaded.optimizerState.map(\.name) == state.optimizerState.map(\.name).sorted())
    #expect(throws: ModelFileError.self) {
      try ModelFile.save(state.model, to: path)
      _ = try ModelFile.loadCheckpoint(from: path)
    }
  }

  private func savedModelPath() throws -> (String, URL) {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    let directory = try TaggerSamples.temporaryDirectory()
    let path = directory.appendingPathComponent("m.tagger").path
    try ModelFile.save(model, to: path)
    return (path, directory)
  }
}
