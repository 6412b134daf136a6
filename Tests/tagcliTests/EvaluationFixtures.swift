import Foundation
import Testing

/// The names the `eval` tests use for the helpers in `CorpusCommandSupport`, which holds the one
/// implementation of each.
enum EvaluationFixtures {
  /// The path of a file in this target's `Fixtures/` folder.
  static func path(_ name: String) throws -> String {
    try CorpusCommandSupport.fixture(name)
  }

  /// What a run of `tagcli` printed and how it exited.
  struct Run {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// Runs the built `tagcli` with `arguments` (standard input empty) and waits for it.
  static func runTagCLI(_ arguments: [String]) throws -> Run {
    let run = try CorpusCommandSupport.run(arguments)
    return Run(status: run.status, standardOutput: run.stdout, standardError: run.stderr)
  }

  /// A fresh temporary directory, removed by the caller's `defer`.
  static func makeTemporaryDirectory() throws -> URL {
    try CorpusCommandSupport.makeTemporaryDirectory()
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
