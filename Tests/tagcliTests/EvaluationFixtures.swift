import Foundation
import Testing

/// Paths of this target's fixtures, the built `tagcli`, and a way to run it.
enum EvaluationFixtures {
  /// The path of a file in this target's `Fixtures/` folder.
  static func path(_ name: String) throws -> String {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
      "missing fixture \(name)")
    return url.path
  }

  /// The `tagcli` executable built beside this test bundle (`.build/<configuration>/tagcli`).
  static var tagcliURL: URL {
    Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("tagcli")
  }

  /// What a run of `tagcli` printed and how it exited.
  struct Run {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// Runs the built `tagcli` with `arguments` and waits for it.
  static func runTagCLI(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = tagcliURL
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus,
      standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self))
  }

  /// A fresh temporary directory, removed by the caller's `defer`.
  static func makeTemporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("tagcli-eval-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }
}

/// Compares a `Double` figure with a hand-computed value, to 1e-9.
func expectFigure(
  _ actual: Double?, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let actual else {
    Issue.record("figure is nil, expected \(expected)", sourceLocation: sourceLocation)
    return
  }
  #expect(
    abs(actual - expected) <= 1e-9 * max(1, abs(expected)), "\(actual) vs \(expected)",
    sourceLocation: sourceLocation)
}
