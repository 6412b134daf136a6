import Foundation

/// Writes bytes into a file that has no name until it is complete (Linux `O_TMPFILE`), then
/// links it under a temporary name, so that a process killed while writing (SIGKILL, power loss)
/// leaves no half-written temporary file behind: only the two system calls between the link and
/// the caller's rename can leave one.
enum UnnamedFileWrite {
  /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Swift's Glibc module does not export; the
  /// value is the same on every Linux architecture Swift supports.
  private static let temporaryFileFlag: Int32 = 0o20_000_000 | O_DIRECTORY

  /// Writes `bytes` to a new unnamed file in `folder` and links it as `temporaryPath`.
  ///
  /// - Returns: false when the file system does not support unnamed files (the caller then
  ///   writes `temporaryPath` directly).
  /// - Throws: the `errno` description when writing or linking fails.
  static func write(_ bytes: [UInt8], in folder: String, linkingAs temporaryPath: String) throws
    -> Bool
  {
    let descriptor = open(folder, temporaryFileFlag | O_WRONLY | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      if [EOPNOTSUPP, EISDIR, EINVAL].contains(errno) { return false }
      throw UnnamedFileWriteError(String(cString: strerror(errno)))
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    try handle.write(contentsOf: Data(bytes))
    guard fsync(descriptor) == 0 else {
      throw UnnamedFileWriteError(String(cString: strerror(errno)))
    }
    let procPath = "/proc/self/fd/\(descriptor)"
    guard linkat(AT_FDCWD, procPath, AT_FDCWD, temporaryPath, AT_SYMLINK_FOLLOW) == 0 else {
      if errno == ENOENT && !FileManager.default.fileExists(atPath: procPath) { return false }
      throw UnnamedFileWriteError(String(cString: strerror(errno)))
    }
    return true
  }
}

/// A failed system call of `UnnamedFileWrite`, described by `strerror`.
struct UnnamedFileWriteError: LocalizedError, CustomStringConvertible {
  let description: String

  init(_ description: String) { self.description = description }

  var errorDescription: String? { description }
}
