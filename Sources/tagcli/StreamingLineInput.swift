import Corpora
import Foundation

/// Lines from a file handle that also says whether more input is waiting, so the tagger can
/// batch lines that arrive together yet answer a single typed line at once.
struct StreamingLineInput {
  private let handle: FileHandle
  /// The input's name in messages (`<stdin>` or the path).
  let name: String
  private var buffer: [UInt8] = []
  private var start = 0
  /// Lines returned so far.
  private(set) var lineNumber = 0
  private(set) var isAtEnd = false
  private var hasReadAnything = false

  /// Reads from `handle` (standard input or an opened file) named `name` in messages.
  init(handle: FileHandle, name: String) {
    self.handle = handle
    self.name = name
  }

  /// The next complete line already buffered (without its line break), if any.
  ///
  /// - Throws: `CorpusError` of kind `.invalidUTF8` naming the line and byte column: decoding
  ///   with replacement characters would tag other words than the input holds.
  mutating func bufferedLine() throws -> String? {
    if let newline = buffer[start...].firstIndex(of: 0x0A) {
      var end = newline
      if end > start && buffer[end - 1] == 0x0D { end -= 1 }
      let line = try decodedLine(start..<end)
      start = newline + 1
      return line
    }
    if isAtEnd && start < buffer.count {
      let line = try decodedLine(start..<buffer.count)
      start = buffer.count
      return line
    }
    return nil
  }

  private mutating func decodedLine(_ range: Range<Int>) throws -> String {
    lineNumber += 1
    return try decodeUTF8(buffer[range], lineStart: range.lowerBound, file: name, line: lineNumber)
  }

  /// Whether reading now would not block (input is waiting or the end was reached).
  var hasWaitingInput: Bool {
    if isAtEnd { return true }
    var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) > 0
  }

  /// Blocks until some input arrives (or the end of input), and buffers it.
  ///
  /// - Throws: `CorpusError` of kind `.io` naming the input and the system's reason.
  mutating func fill() throws {
    if start > 0 {
      buffer.removeSubrange(0..<start)
      start = 0
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var count: Int
    repeat {
      count = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
    } while count < 0 && errno == EINTR
    guard count >= 0 else {
      throw CorpusError(.io("cannot read: \(String(cString: strerror(errno)))"), file: name)
    }
    if count == 0 {
      isAtEnd = true
    } else {
      let isFirst = !hasReadAnything
      hasReadAnything = true
      var bytes = chunk[0..<count]
      if isFirst && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
      buffer.append(contentsOf: bytes)
    }
  }
}
