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
