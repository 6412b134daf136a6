import Foundation
import Testing

@testable import Tagger

/// The whole model file, header included, is covered by its checksum (format version 2), and
/// version-1 files still load.
@Suite struct ModelFileIntegrityTests {
  private func savedBytes() throws -> (bytes: [UInt8], path: String, directory: URL) {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    let directory = try TaggerSamples.temporaryDirectory()
    let path = directory.appendingPathComponent("m.tagger").path
    try ModelFile.save(model, to: path)
    return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), path, directory)
  }

  /// Replaces the first occurrence of `old` by `new` (same length) in the file's bytes.
  private func edit(_ bytes: [UInt8], _ old: String, _ new: String) throws -> [UInt8] {
    let needle = Array(old.utf8)
    let start = try #require(
      (0...(bytes.count - needle.count)).first {
        bytes[$0..<$0 + needle.count].elementsEqual(needle)
      },
      "\(old) not in the file")
    var edited = bytes
    edited.replaceSubrange(start..<start + needle.count, with: Array(new.utf8))
    return edited
  }

  @Test(arguments: [
    ("lowercasesWords\\\":true", "lowercasesWords\\\":tru "),
    ("layerCount\\\":1", "layerCount\\\":2"),
    ("\\\"NOUN\\\"", "\\\"NOUM\\\""),
    ("\"formatVersion\":\"2\"", "\"formatVersion\":\"1\""),
  ])
  func oneByteHeaderEditIsDetected(old: String, new: String) throws {
    let (bytes, path, directory) = try savedBytes()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(try edit(bytes, old, new)).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    #expect(error.kind == .checksumMismatch, "\(error)")
  }

  /// A corpus given where a model goes (`-m train.conllu`, `--resume dev.conllu`) is named as
  /// text, not as an "implausible header length" of 18 digits.
  @Test func aTextFileGivenAsAModelIsNamedAsText() throws {
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("train.conllu").path
    try Data("# sent_id = 1\n1\tHi\t_\tINTJ\t_\t_\t_\t_\t_\t_\n\n".utf8).write(
      to: URL(fileURLWithPath: path))
    let error = try #require(throws: ModelFileError.self) { try ModelFile.load(from: path) }
    #expect(
      "\(error)" == "\(path): not a tagger model file: it starts with text (\"# sent_id = 1\"), "
        + "not a model's header")
    let checkpoint = try #require(throws: ModelFileError.self) {
      try ModelFile.loadCheckpoint(from: path)
    }
    #expect("\(checkpoint)".contains("it starts with text"))
  }

  @Test func savedFilesAreVersionTwoAndLoad() throws {
    let (bytes, path, directory) = try savedBytes()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = try SafeTensors(bytes: bytes, path: path)
    #expect(file.metadata["formatVersion"] == "2")
    #expect(file.metadata["fileChecksum"]?.count == 16)
    _ = try ModelFile.load(from: path)
  }

  @Test func versionOneFilesStillLoad() throws {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    var file = try SafeTensors(
      bytes: ModelFile.serialize(model, extraTensors: [], extraMetadata: [:], path: "x"), path: "x")
    file.metadata["formatVersion"] = "1"
    file.metadata["fileChecksum"] = nil
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("v1.tagger").path
    try Data(try file.serialized()).write(to: URL(fileURLWithPath: path))
    let loaded = try ModelFile.load(from: path)
    #expect(loaded == ModelFile.roundedForStorage(model))
  }
}
