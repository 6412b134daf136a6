import Foundation
import Testing

/// Replays fuzzer findings and seeds through the fuzz targets' entry point, without a fuzzer.
///
/// `Fixtures/fuzz/TARGET/*` are inputs that once crashed, leaked, timed out or blew up memory
/// (copied there, minimised, by `Scripts/fuzz.sh`); `Fuzz/Seeds/TARGET/*` are the seed corpora.
/// Each must give a result or a thrown error with a message; a crash fails the whole run.
@Suite struct FuzzRegressionTests {
  /// The files under `folder`, one level of target folders deep, with their target.
  static func inputs(under folder: URL) throws -> [(target: FuzzTarget, file: URL)] {
    let manager = FileManager.default
    guard manager.fileExists(atPath: folder.path) else { return [] }
    var inputs: [(FuzzTarget, URL)] = []
    for name in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
      let target = try #require(FuzzTarget(rawValue: name), "\(name) names no fuzz target")
      let targetFolder = folder.appendingPathComponent(name)
      for file in try manager.contentsOfDirectory(atPath: targetFolder.path).sorted() {
        inputs.append((target, targetFolder.appendingPathComponent(file)))
      }
    }
    return inputs
  }

  /// Runs every input and returns how many threw; each thrown error must have a message.
  static func replay(_ inputs: [(target: FuzzTarget, file: URL)]) throws -> Int {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("fuzz-replay-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    var thrown = 0
    for (target, file) in inputs {
      let bytes = [UInt8](try Data(contentsOf: file))
      do {
        try target.run(bytes, scratchPath: scratch.path)
      } catch {
        thrown += 1
        #expect(!"\(error)".isEmpty, "\(target.rawValue)/\(file.lastPathComponent)")
      }
    }
    return thrown
  }

  @Test func findingsReplayWithoutCrashing() throws {
    let folder = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/fuzz")
    let inputs = try Self.inputs(under: folder)
    #expect(!inputs.isEmpty, "no regression inputs under Fixtures/fuzz")
    _ = try Self.replay(inputs)
  }

  @Test func seedsReplayWithoutCrashing() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let inputs = try Self.inputs(under: root.appendingPathComponent("Fuzz/Seeds"))
    #expect(Set(inputs.map(\.target)) == Set(FuzzTarget.allCases), "a target has no seeds")
    let thrown = try Self.replay(inputs)
    #expect(thrown < inputs.count, "every seed was rejected: the targets read nothing")
  }
}
