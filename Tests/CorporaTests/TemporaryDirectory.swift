import Foundation
import Testing

@testable import Corpora

/// A temporary directory, deleted when the value goes away.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("corpora-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// The path of `name` inside the directory.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `text` as UTF-8 to `name` and returns its path.
  func write(_ text: String, named name: String) throws -> String {
    let path = path(name)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    return path
  }

  /// Writes `bytes` to `name` and returns its path.
  func write(_ bytes: Data, named name: String) throws -> String {
    let path = path(name)
    try bytes.write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Writes `sentences` in `format` to a new file and returns its path.
  func write(
    _ sentences: [Sentence], as format: CorpusFormat, options: WriterOptions = WriterOptions()
  ) throws -> String {
    let path = path("out-\(format.rawValue)-\(UUID().uuidString)")
    let output = try TextOutput(path: path)
    var writer = try makeSentenceWriter(format: format, output: output, options: options)
    for sentence in sentences { try writer.write(sentence) }
    try writer.finish()
    try output.close()
    return path
  }
}
