import Foundation

/// A buffered UTF-8 text sink: a file, standard output, or memory.
///
/// Writes are collected in memory and flushed in large blocks; `flush()` pushes them out at once
/// (the tagger calls it after each line when input arrives interactively). A file goes through
/// `SafeFile`: it appears (or replaces the old one) only when `close()` succeeds, and an output
/// dropped without `close()` leaves the old file untouched.
public final class TextOutput {
  /// Where the text goes.
  private enum Sink {
    case file(SafeFile)
    case standardOutput
    case memory
  }

  /// The path as the user gave it (`<stdout>` for standard output).
  public let path: String
  private let sink: Sink
  private var buffer: [UInt8] = []
  private static let flushThreshold = 1 << 16

  /// Opens `path` for writing without touching it yet (see `SafeFile`); `-` is standard output.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be created.
  public convenience init(path: String) throws {
    if path == "-" {
      self.init(file: nil)
    } else {
      self.init(file: try SafeFile(path: path))
    }
  }

  /// Writes into `file`, or standard output when nil.
  public convenience init(file: SafeFile?) {
    self.init(sink: file.map(Sink.file) ?? .standardOutput, path: file?.path ?? "<stdout>")
  }

  private init(sink: Sink, path: String) {
    self.sink = sink
    self.path = path
  }

  /// Standard output.
  public static func standardOutput() -> TextOutput { TextOutput(file: nil) }

  /// An output kept in memory: nothing is written anywhere, and `text` returns what was written.
  /// `path` names it in error messages.
  public static func inMemory(path: String = "<memory>") -> TextOutput {
    TextOutput(sink: .memory, path: path)
  }

  /// Everything written so far, for an output kept in memory (see `inMemory`).
  public var text: String {
    guard case .memory = sink else {
      preconditionFailure("TextOutput.text: only an output kept in memory keeps its text")
    }
    return String(decoding: buffer, as: UTF8.self)
  }

  /// Appends text.
  ///
  /// - Throws: `CorpusError` of kind `.io` when a flush fails.
  public func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.flushThreshold { try flush() }
  }

  /// Writes out everything buffered so far (an output kept in memory keeps it).
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails.
  public func flush() throws {
    guard !buffer.isEmpty else { return }
    switch sink {
    case .file(let file): try file.write(buffer)
    case .standardOutput: try Self.writeToStandardOutput(buffer)
    case .memory: return
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and puts the file in place (standard output stays open).
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails; the old file is then unchanged.
  public func close() throws {
    try flush()
    if case .file(let file) = sink { try file.commit() }
  }

  private static func writeToStandardOutput(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBufferPointer { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw SafeFile.error("<stdout>", "write failed")
        }
        offset += written
      }
    }
  }
}
