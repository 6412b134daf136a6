import Foundation

// libFuzzer harness: `TAGFUZZ_TARGET=<name> tagfuzz [libFuzzer flags] [corpus folders]`.
// Built with `swift build -c release --sanitize fuzzer --sanitize address`: SwiftPM then
// compiles it as a library and libFuzzer supplies `main`.

/// The target chosen by `TAGFUZZ_TARGET` (see `FuzzTarget`), read once.
private let target: FuzzTarget = {
  let name = ProcessInfo.processInfo.environment["TAGFUZZ_TARGET"] ?? ""
  guard let target = FuzzTarget(rawValue: name) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
    FileHandle.standardError.write(Data("set TAGFUZZ_TARGET to one of: \(names)\n".utf8))
    exit(2)
  }
  return target
}()

/// A scratch file of this process, on a memory file system when there is one.
private let scratchPath: String = {
  let folder =
    FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
  return "\(folder)/tagfuzz-\(getpid())-input"
}()

/// libFuzzer's entry point, called once per input. Thrown errors are the expected answer to bad
/// input; only crashes, sanitizer reports, leaks, timeouts and memory blow-ups are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  do {
    try target.run(bytes, scratchPath: scratchPath)
  } catch {
    _ = "\(error)"  // building the message is part of the code under test
  }
  return 0
}
