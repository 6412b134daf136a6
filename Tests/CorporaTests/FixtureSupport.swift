import Foundation
import Testing

/// Paths of test fixtures and of the shared corpora beside the checkout.
enum Fixtures {
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

  /// True when the shared corpora exist; the message explains skipped tests.
  static var hasSharedData: Bool { sharedData != nil }
  static let sharedDataMissing: Comment = "../shared/data is missing: integration test skipped"
}
