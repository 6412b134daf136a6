import Corpora
import Foundation

/// Lines from a file handle that also says whether more input is waiting, so the tagger can
/// batch lines that arrive together yet answer a single typed line at once.
struct StreamingLineInput {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var start = 0
  private(set) var isAtEnd = false
  private var hasReadAnything = false

  /// Reads from `handle` (standard input or an opened file).
  init(handle: FileHandle) {
    self.handle = handle
  }

  /// The next complete line already buffered (without its line break), if any.
  mutating func bufferedLine() -> String? {
    if let newline = buffer[start...].firstIndex(of: 0x0A) {
      var end = newline
      if end > start && buffer[end - 1] == 0x0D { end -= 1 }
      let line = String(decoding: buffer[start..<end], as: UTF8.self)
      start = newline + 1
      return line
    }
    if isAtEnd && start < buffer.count {
      let line = String(decoding: buffer[start...], as: UTF8.self)
      start = buffer.count
      return line
    }
    return nil
  }

  /// Whether reading now would not block (input is waiting or the end was reached).
  var hasWaitingInput: Bool {
    if isAtEnd { return true }
    var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) > 0
  }

  /// Blocks until some input arrives (or the end of input), and buffers it.
  ///
  /// - Throws: `CorpusError` of kind `.io` naming `name` and the system's reason.
  mutating func fill(name: String) throws {
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
