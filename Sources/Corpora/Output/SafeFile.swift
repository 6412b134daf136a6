import Foundation

/// A file being written for the user that never destroys what was there before.
///
/// A regular file (or a name that does not exist yet) is written to a file without a name in the
/// same folder (Linux `O_TMPFILE`; a `.NAME.XXXXXX` temporary file where the file system has no
/// unnamed files), which `commit()` links under a temporary name and renames over the target
/// (rename(2) is atomic): until then, and forever when writing fails or the process dies (even by
/// SIGKILL), the old file stays as it was, no empty new one appears and no temporary file is
/// left. The new file gets the old file's permissions (a new one gets 0666 minus the umask). Symbolic links are followed, so the file the link points to is replaced and the link
/// stays. Anything that is not a regular file (`/dev/null`, a FIFO, a terminal, `/dev/stdout`) is
/// opened in place and written as a stream, so a device node is never replaced by a file.
public final class SafeFile {
  /// The path as the user gave it, used in messages.
  public let path: String
  /// The file finally written: `path` with its symbolic links followed.
  public let targetPath: String
  private var descriptor: Int32
  private var temporaryPath: String?
  /// The folder of an unnamed (`O_TMPFILE`) file, which `commit()` links there.
  private var unnamedFolder: String?
  private var isFinished = false

  /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Swift's Glibc module does not export; the
  /// value is the same on every Linux architecture Swift supports.
  private static let unnamedFileFlag: Int32 = 0o20_000_000 | O_DIRECTORY

  /// Opens `path` for writing without touching it: see the type's description.
  ///
  /// - Throws: `CorpusError` of kind `.io` naming `path` and the system's reason when the folder
  ///   is not writable, `path` is a folder, or a link cannot be followed.
  public init(path: String) throws {
    self.path = path
    var info = stat()
    if Self.isStream(path) || (stat(path, &info) == 0 && !Self.isRegularOrFolder(info.st_mode)) {
      targetPath = path
      descriptor = Self.aboveStandardStreams(open(path, O_WRONLY | O_CLOEXEC))
      guard descriptor >= 0 else { throw Self.error(path, "cannot open for writing") }
      return
    }
    targetPath = try Self.followingLinks(path)
    var existingMode: mode_t?
    if stat(targetPath, &info) == 0 {
      guard (info.st_mode & S_IFMT) != S_IFDIR else {
        throw CorpusError(.io("is a folder, not a file"), file: path)
      }
      existingMode = info.st_mode & 0o7777
    }
    let folder = PathFolder.of(targetPath)
    let name = (targetPath as NSString).lastPathComponent
    let mode = existingMode ?? (0o666 & ~Self.currentUmask())
    descriptor = Self.aboveStandardStreams(
      open(folder.isEmpty ? "." : folder, Self.unnamedFileFlag | O_WRONLY | O_CLOEXEC, mode))
    if descriptor >= 0 {
      fchmod(descriptor, mode)
      unnamedFolder = folder.isEmpty ? "." : folder
      return
    }
    var template = Array(((folder.isEmpty ? "." : folder) + "/.\(name).XXXXXX").utf8CString)
    descriptor = Self.aboveStandardStreams(
      template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) })
    guard descriptor >= 0 else {
      throw Self.error(path, "cannot create a file in \(folder.isEmpty ? "." : folder)")
    }
    temporaryPath = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    fchmod(descriptor, mode)
  }

  /// `descriptor` moved above 2 when it took the slot of a closed standard stream, so that a
  /// closed standard input stays closed (`-` is then refused with its own message, instead of
  /// reading this output); negative values (failures) pass through.
  private static func aboveStandardStreams(_ descriptor: Int32) -> Int32 {
    guard (0...2).contains(descriptor) else { return descriptor }
    let moved = fcntl(descriptor, F_DUPFD_CLOEXEC, 3)
    close(descriptor)
    return moved
  }

  deinit { discard() }

  /// Writes all of `bytes`.
  ///
  /// - Throws: `CorpusError` of kind `.io` with the system's reason (a full disk, a closed pipe).
  public func write(_ bytes: some Collection<UInt8>) throws {
    precondition(!isFinished, "SafeFile.write after commit or discard")
    try bytes.withContiguousStorageIfAvailable { try writeAll($0) }
      ?? Array(bytes).withUnsafeBufferPointer { try writeAll($0) }
  }

  private func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) throws {
    var offset = 0
    while offset < buffer.count {
      let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw Self.error(path, "write failed")
      }
      offset += written
    }
  }

  /// Puts the written bytes in place: flushes them to disk and renames the temporary file over
  /// the target (a stream is just closed).
  ///
  /// - Throws: `CorpusError` of kind `.io` when the data cannot be flushed or renamed; the target
  ///   is then unchanged.
  public func commit() throws {
    guard !isFinished else { return }
    if unnamedFolder != nil { try linkUnnamedFile() }
    guard let temporaryPath else {
      isFinished = true
      close(descriptor)
      return
    }
    guard fsync(descriptor) == 0 else { throw Self.error(path, "cannot write") }
    isFinished = true
    close(descriptor)
    guard rename(temporaryPath, targetPath) == 0 else {
      let failure = Self.error(path, "cannot replace")
      unlink(temporaryPath)
      throw failure
    }
    self.temporaryPath = nil
  }

  /// Gives the finished unnamed file a temporary name beside the target, for `commit()` to rename.
  private func linkUnnamedFile() throws {
    guard let folder = unnamedFolder else { return }
    guard fsync(descriptor) == 0 else { throw Self.error(path, "cannot write") }
    let name = (targetPath as NSString).lastPathComponent
    let linked = folder + "/.\(name).\(UInt32.random(in: 0...UInt32.max))"
    guard linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, linked, AT_SYMLINK_FOLLOW) == 0
    else { throw Self.error(path, "cannot create a file in \(folder)") }
    unnamedFolder = nil
    temporaryPath = linked
  }

  /// Drops what was written: the temporary file is removed and the target stays untouched.
  public func discard() {
    guard !isFinished else { return }
    isFinished = true
    close(descriptor)
    if let temporaryPath { unlink(temporaryPath) }
  }

  /// Writes `bytes` to `path` in one go, as described for the type.
  ///
  /// - Throws: `CorpusError` of kind `.io` naming `path` and the reason.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let file = try SafeFile(path: path)
    try file.write(bytes)
    try file.commit()
  }

  /// Paths that are always streams: standard output and friends, and anything under `/dev` or
  /// `/proc` (`/dev/stdout` leads to `/proc/self/fd/1`, whose "link" may name a pipe).
  private static func isStream(_ path: String) -> Bool {
    path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
  }

  private static func isRegularOrFolder(_ mode: mode_t) -> Bool {
    (mode & S_IFMT) == S_IFREG || (mode & S_IFMT) == S_IFDIR
  }

  /// `path` with every symbolic link of its last component followed, also a dangling one (whose
  /// target the output then creates).
  private static func followingLinks(_ path: String) throws -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, Int(PATH_MAX))
      guard count >= 0 else { throw error(path, "cannot follow the link") }
      let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let folder = PathFolder.of(current)
      current = target.hasPrefix("/") || folder.isEmpty ? target : folder + "/" + target
    }
    throw CorpusError(.io("too many levels of symbolic links"), file: path)
  }

  private static func currentUmask() -> mode_t {
    let mask = umask(0o022)
    umask(mask)
    return mask
  }

  /// An I/O error for `path`: `what` and the reason in `errno`.
  static func error(_ path: String, _ what: String) -> CorpusError {
    CorpusError(.io("\(what): \(String(cString: strerror(errno)))"), file: path)
  }
}
