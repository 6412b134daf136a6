import Corpora
import Foundation

/// Runs `body` `runs` times and returns the median wall time in seconds.
func medianSeconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
  var times: [Double] = []
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  times.sort()
  return times[times.count / 2]
}

/// Prints one aligned result line.
func report(_ name: String, size: String, seconds: Double, throughput: String) {
  let padded = name.padding(toLength: 34, withPad: " ", startingAt: 0)
  let sizeText = size.padding(toLength: 26, withPad: " ", startingAt: 0)
  print("\(padded) \(sizeText) median \(String(format: "%8.4f", seconds)) s   \(throughput)")
}

/// The shared data folder beside the project checkout, or nil.
func sharedDataPath() -> String? {
  let here = URL(fileURLWithPath: #filePath)
  let root = here.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let path = root.deletingLastPathComponent().appendingPathComponent("shared/data").path
  return FileManager.default.fileExists(atPath: path) ? path : nil
}

/// Times reading all of `path` with the reader `open` makes (median of `runs`) and prints
/// tokens/s and MB/s.
func reportReadingThroughput<Reader: SentenceReader>(
  _ name: String, path: String, runs: Int, open: () throws -> Reader
) throws {
  let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
  var tokens = 0
  let seconds = try medianSeconds(runs: runs) {
    var reader = try open()
    tokens = 0
    while let sentence = try reader.next() { tokens += sentence.tokens.count }
  }
  report(
    name, size: "\(tokens) tokens", seconds: seconds,
    throughput: String(
      format: "%.0f tokens/s  %.1f MB/s", Double(tokens) / seconds,
      Double(bytes) / seconds / 1e6))
}
