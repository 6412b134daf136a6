import Foundation
import Testing

/// Paths of this target's test fixtures and of the shared corpora beside the checkout.
enum EvaluationFixtures {
  /// The path of a file in this target's `Fixtures/` folder.
  static func path(_ name: String) throws -> String {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
      "missing fixture \(name)")
    return url.path
  }

  /// The shared data folder (`../shared/data` beside the project root), or nil when missing.
  static var sharedData: String? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.deletingLastPathComponent().appendingPathComponent("shared/data").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  /// A file under the shared data folder, or nil when it is missing.
  static func sharedFile(_ relativePath: String) -> String? {
    guard let sharedData else { return nil }
    let path = sharedData + "/" + relativePath
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  /// Reads the word (first) and chunk (third) columns of a CoNLL-2000 style file: one
  /// `word POS chunk` line per token, a blank line between sentences.
  static func readChunkColumn(path: String) throws -> [(words: [String], chunks: [String])] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var sentences: [(words: [String], chunks: [String])] = []
    var words: [String] = []
    var chunks: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let fields = line.split(separator: " ")
      if fields.isEmpty {
        if !words.isEmpty { sentences.append((words, chunks)) }
        words = []
        chunks = []
        continue
      }
      try #require(fields.count == 3, "expected 3 columns: \(line)")
      words.append(String(fields[0]))
      chunks.append(String(fields[2]))
    }
    if !words.isEmpty { sentences.append((words, chunks)) }
    return sentences
  }
}

/// Compares a percentage (or any `Double` figure) with a hand-computed value, to 1e-9.
func expectFigure(
  _ actual: Double?, _ expected: Double, _ comment: Comment? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let actual else {
    Issue.record("figure is nil, expected \(expected)", sourceLocation: sourceLocation)
    return
  }
  #expect(
    abs(actual - expected) <= 1e-9 * max(1, abs(expected)),
    "\(actual) vs \(expected) \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
}
