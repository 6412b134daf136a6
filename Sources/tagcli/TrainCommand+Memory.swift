import Foundation
import Tagger

/// Training would not fit in memory: the estimate and what to lower.
struct TrainingSizeError: Error, CustomStringConvertible {
  let estimate: TrainingMemoryEstimate
  let physicalMemory: UInt64

  var description: String {
    let parameters =
      estimate.parameterCount.map { "\($0) weights" } ?? "more weights than fit in 64 bits"
    return "this network would need "
      + (estimate.totalBytes.map(formatBytes) ?? "more than \(formatBytes(Int.max))")
      + " of memory (\(parameters): "
      + (estimate.parameterBytes.map(formatBytes) ?? "out of range")
      + " with gradients and optimizer state; "
      + "one batch of activations: " + (estimate.activationBytes.map(formatBytes) ?? "out of range")
      + "), but this machine has \(formatBytes(Int(clamping: physicalMemory))); "
      + "lower --hidden, --layers, --word-dim, --char-dim, --char-hidden or --batch-size"
  }
}

extension TrainCommand {
  /// Refuses a configuration whose estimated training memory exceeds physical memory.
  ///
  /// - Throws: `TrainingSizeError` with the estimate.
  func checkMemory(_ options: TrainingOptions, training: [TaggedSentence]) throws {
    let estimate = TrainingMemoryEstimate(options: options, training: training)
    let physicalMemory = ProcessInfo.processInfo.physicalMemory
    guard estimate.fits(in: physicalMemory) else {
      throw TrainingSizeError(estimate: estimate, physicalMemory: physicalMemory)
    }
  }
}

/// `bytes` in B, KB, MB, GB, TB, PB or EB (powers of 1024, one decimal).
func formatBytes(_ bytes: Int) -> String {
  let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
  var value = Double(bytes)
  var unit = 0
  while value >= 1024 && unit < units.count - 1 {
    value /= 1024
    unit += 1
  }
  return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
}
