import Corpora
import Foundation
import Testing

/// Paths of this target's test fixtures and of the shared corpora beside the checkout.
enum EvaluationFixtures {
  /// The path of a file in this target's `Fixtures/` folder.
  static func path(_ name: String) throws -> String {
    try RecurrentFixtures.url(name).path
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
    var options = ReaderOptions()
    options.columnNames = ["word", "pos", "chunk"]
    var reader = try ColumnReader(path: path, options: options)
    return try reader.readAll().map { ($0.forms, $0.values(ofColumn: 2)) }
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
