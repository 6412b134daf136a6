import Foundation

/// A buffered UTF-8 text sink: a file, standard output, or memory.
///
/// Writes are collected in memory and flushed in large blocks; `flush()` pushes them out at once
/// (the tagger calls it after each line when input arrives interactively).
public final class TextOutput {
  /// The path as the user gave it (`<stdout>` for standard output).
  public let path: String
  private let handle: FileHandle?  // nil: kept in memory
  private var buffer: [UInt8] = []
  private let ownsHandle: Bool
  private static let flushThreshold = 1 << 16

  /// Opens `path` for writing, truncating it; `-` is standard output.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be created.
  public init(path: String) throws {
    if path == "-" {
      self.path = "<stdout>"
      handle = FileHandle.standardOutput
      ownsHandle = false
    } else {
      self.path = path
      guard FileManager.default.createFile(atPath: path, contents: nil),
        let opened = FileHandle(forWritingAtPath: path)
      else {
        throw CorpusError(.io("cannot open file for writing"), file: path)
      }
      handle = opened
      ownsHandle = true
    }
  }

  private init(inMemoryNamed path: String) {
    self.path = path
    handle = nil
    ownsHandle = false
  }

  /// Standard output.
  public static func standardOutput() -> TextOutput {
    // Opening "-" cannot fail.
    do { return try TextOutput(path: "-") } catch { preconditionFailure("\(error)") }
  }

  /// An output kept in memory: nothing is written anywhere, and `text` returns what was written.
  /// `path` names it in error messages.
  public static func inMemory(path: String = "<memory>") -> TextOutput {
    TextOutput(inMemoryNamed: path)
  }

  /// Everything written so far, for an output kept in memory (see `inMemory`).
  public var text: String {
    precondition(handle == nil, "TextOutput.text: only an output kept in memory keeps its text")
    return String(decoding: buffer, as: UTF8.self)
  }

  /// Appends text.
  ///
  /// - Throws: `CorpusError` of kind `.io` when a flush fails.
  public func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.flushThreshold { try flush() }
  }

  /// Writes out everything buffered so far.
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails.
  public func flush() throws {
    guard !buffer.isEmpty, let handle else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw CorpusError(.io("write failed: \(error.localizedDescription)"), file: path)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and closes the file (standard output stays open).
  ///
  /// - Throws: `CorpusError` of kind `.io` when writing fails.
  public func close() throws {
    try flush()
    if ownsHandle, let handle {
      do { try handle.close() } catch {
        throw CorpusError(.io("close failed: \(error.localizedDescription)"), file: path)
      }
    }
  }
}
