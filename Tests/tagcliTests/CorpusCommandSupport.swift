import Foundation
import Testing

/// Fixtures, temporary directories and the one runner of the built `tagcli` for this target's
/// end-to-end tests.
enum CorpusCommandSupport {
  /// The path of a file in this target's `Fixtures/` folder.
  static func fixture(_ name: String) throws -> String {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
      "missing fixture \(name)")
    return url.path
  }

  /// The built `tagcli`: beside the test bundle, or in `.build/debug` above this file.
  static func tagcliURL() throws -> URL {
    let beside = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent(
      "tagcli")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent(".build/debug/tagcli")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return try #require(nil as URL?, "tagcli is not built; run swift build --build-tests")
  }

  /// A path in an existing folder that no command may create (the tests that use it expect an
  /// error before anything is written); `-o` in a missing folder is refused up front.
  static func neverWrittenPath(_ fileExtension: String) -> String {
    (NSTemporaryDirectory() as NSString).appendingPathComponent(
      "never-written-\(UUID().uuidString).\(fileExtension)")
  }

  /// Runs `tagcli` with `arguments` (and `input` on standard input, else an empty one) and returns
  /// its exit status, standard output and error. `environment`, when given, replaces the
  /// inherited environment; `folder`, when given, is its working folder.
  static func run(
    _ arguments: [String], input: String? = nil, environment: [String: String]? = nil,
    in folder: URL? = nil
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = try tagcliURL()
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = folder }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    let inputPipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
    try process.run()
    if let input {
      inputPipe.fileHandleForWriting.write(Data(input.utf8))
      try inputPipe.fileHandleForWriting.close()
    }
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: stdout, as: UTF8.self),
      String(decoding: stderr, as: UTF8.self)
    )
  }

  /// A fresh temporary directory; the caller removes it.
  static func makeTemporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("tagcli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// Runs `body` with a fresh temporary directory that is deleted afterwards.
  static func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
  }

  /// The first line `handle` produces within `timeout` seconds, or nil.
  static func readLine(from handle: FileHandle, timeout: TimeInterval) -> String? {
    let box = LineBox()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      var bytes: [UInt8] = []
      while !bytes.contains(0x0A) {
        let data = handle.availableData
        if data.isEmpty { break }
        bytes += data
      }
      box.line = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
      done.signal()
    }
    guard done.wait(timeout: .now() + timeout) == .success else { return nil }
    return box.line
  }
}

/// Carries a line from the reading thread.
private final class LineBox: @unchecked Sendable {
  var line: String?
}
