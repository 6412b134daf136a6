import Foundation

/// Reads a file or standard input line by line in large chunks, keeping one chunk in memory.
///
/// Lines are returned as byte slices without their `\n` (and without a `\r` before it). The slice
/// shares storage with the internal buffer and must be consumed before the next call.
struct LineReader: LineSource {
  /// The path as the user gave it, used in error messages.
  let path: String
  /// The 1-based number of the line last returned.
  private(set) var lineNumber = 0

  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var start = 0
  private var isAtEndOfFile = false
  private static let chunkSize = 1 << 20

  /// Opens `url`; the path `-` means standard input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  init(path: String) throws {
    self.path = path == "-" ? "<stdin>" : path
    if path == "-" {
      handle = FileHandle.standardInput
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CorpusError(.io("no such file"), file: path)
      }
      guard !isDirectory.boolValue else { throw CorpusError(.io("is a directory"), file: path) }
      guard let opened = FileHandle(forReadingAtPath: path) else {
        throw CorpusError(.io("cannot open file for reading"), file: path)
      }
      handle = opened
    }
  }

  /// Reads lines from an in-memory buffer (for tests and strings).
  init(bytes: [UInt8], path: String) {
    self.path = path
    self.handle = FileHandle.nullDevice
    self.buffer = bytes
    self.isAtEndOfFile = true
  }

  /// The next line without its line break, or nil at the end of the input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when reading fails.
  mutating func nextLine() throws -> ArraySlice<UInt8>? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        let line = buffer[start..<end]
        start = newline + 1
        return try numbered(line)
      }
      if isAtEndOfFile {
        guard start < buffer.count else { return nil }
        var end = buffer.count
        if buffer[end - 1] == 0x0D { end -= 1 }
        let line = buffer[start..<end]
        start = buffer.count
        return try numbered(line)
      }
      try refill()
    }
  }

  /// Counts `line` and returns it, without the UTF-8 byte order mark that may start the first
  /// line (so it never ends up inside the first word of any line-based format).
  ///
  /// - Throws: `CorpusError` of kind `.notText` when the first line starts like a file that is
  ///   not UTF-8 text (UTF-16, gzip, a model file), before any reader splits it into fields.
  private mutating func numbered(_ line: ArraySlice<UInt8>) throws -> ArraySlice<UInt8> {
    lineNumber += 1
    guard lineNumber == 1 else { return line }
    if line.starts(with: [0xEF, 0xBB, 0xBF]) { return line.dropFirst(3) }
    if let what = NonTextSignature.describe(fileStart: line),
      line.contains(0) || String(validating: line, as: UTF8.self) == nil
    {
      throw CorpusError(.notText(what), file: path, line: 1, column: 1)
    }
    return line
  }

  /// Reads the next chunk, dropping the bytes already returned.
  private mutating func refill() throws {
    if start > 0 {
      buffer.removeSubrange(0..<start)
      start = 0
    }
    let data: Data?
    do {
      data = try handle.read(upToCount: Self.chunkSize)
    } catch {
      throw CorpusError(.io("read failed: \(error.localizedDescription)"), file: path)
    }
    guard let data, !data.isEmpty else {
      isAtEndOfFile = true
      return
    }
    buffer.append(contentsOf: data)
  }
}

extension ArraySlice where Element == UInt8 {
  /// Splits on one separator byte, keeping empty fields (a trailing empty field is data).
  func fields(separatedBy separator: UInt8) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    result.reserveCapacity(10)
    var fieldStart = startIndex
    var index = startIndex
    while index < endIndex {
      if self[index] == separator {
        result.append(self[fieldStart..<index])
        fieldStart = index + 1
      }
      index += 1
    }
    result.append(self[fieldStart..<endIndex])
    return result
  }
}

extension ArraySlice where Element == UInt8 {
  /// Splits on runs of spaces and tabs, dropping leading and trailing ones (no empty fields).
  func fieldsSeparatedByWhitespace() -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    result.reserveCapacity(4)
    var fieldStart: Int? = nil
    var index = startIndex
    while index < endIndex {
      let byte = self[index]
      if byte == 0x20 || byte == 0x09 {
        if let start = fieldStart {
          result.append(self[start..<index])
          fieldStart = nil
        }
      } else if fieldStart == nil {
        fieldStart = index
      }
      index += 1
    }
    if let start = fieldStart { result.append(self[start..<endIndex]) }
    return result
  }

  /// Whether the line holds nothing but spaces and tabs.
  var isBlank: Bool {
    allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }
}

/// Decodes UTF-8 bytes, naming the 1-based byte column of the first invalid byte on failure.
///
/// A NUL byte or a carriage return is refused too, and the first bytes of a file that is not
/// text at all (UTF-16, gzip, a model file) are named with the way to convert them instead of an
/// invalid byte.
///
/// - Parameters:
///   - bytes: the field's (or line's) bytes.
///   - lineStart: the index in the buffer where the line starts, to compute the column.
/// - Throws: `CorpusError` of kind `.invalidUTF8`, `.nulByte`, `.carriageReturn` or `.notText`.
public func decodeUTF8(
  _ bytes: ArraySlice<UInt8>, lineStart: Int, file: String, line: Int
) throws -> String {
  let text = String(validating: bytes, as: UTF8.self)
  let stray = bytes.firstIndex { $0 == 0 || $0 == 0x0D }
  if let text, stray == nil { return text }
  if line == 1, bytes.startIndex == lineStart,
    let what = NonTextSignature.describe(fileStart: bytes)
  {
    throw CorpusError(.notText(what), file: file, line: 1, column: 1)
  }
  if text != nil, let stray {
    throw CorpusError(
      bytes[stray] == 0 ? .nulByte : .carriageReturn, file: file, line: line,
      column: stray - lineStart + 1)
  }
  let offset = bytes.startIndex + (firstInvalidUTF8Offset(bytes) ?? 0)
  throw CorpusError(.invalidUTF8, file: file, line: line, column: offset - lineStart + 1)
}

/// How many bytes from the start of `bytes` the first one that is not part of valid UTF-8
/// lies; nil when all of them are valid UTF-8.
public func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
  var offset = 0
  var iterator = bytes.makeIterator()
  var decoder = UTF8()
  while true {
    switch decoder.decode(&iterator) {
    case .scalarValue(let scalar): offset += UTF8.width(scalar)
    case .emptyInput: return nil
    case .error: return offset
    }
  }
}
