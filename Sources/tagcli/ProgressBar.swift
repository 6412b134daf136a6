import Foundation
import Tagger

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
struct ProgressBar {
  /// Whether standard error is a terminal.
  let isEnabled = isatty(STDERR_FILENO) != 0
  private var lastDraw = Date.distantPast

  /// Redraws the bar at most ten times a second.
  mutating func draw(fraction: Double, label: String, details: String) {
    guard isEnabled, Date().timeIntervalSince(lastDraw) >= 0.1 || fraction >= 1 else { return }
    lastDraw = Date()
    let width = 30
    let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    let line = "\r\(label) \(bar) \(String(format: "%3.0f%%", fraction * 100)) \(details)\u{1B}[K"
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Draws a training batch's progress: `epoch E/N`, the bar, `details` (rate and loss) and the
  /// time left in the epoch at the current rate.
  mutating func draw(_ progress: BatchProgress, maxEpochs: Int, details: String) {
    let remaining =
      Double(progress.tokenCount - progress.tokensDone) / max(progress.tokensPerSecond, 1)
    draw(
      fraction: Double(progress.tokensDone) / Double(max(progress.tokenCount, 1)),
      label: "epoch \(progress.epoch)/\(maxEpochs)",
      details: details + "  ETA " + formatDuration(remaining))
  }

  /// Clears the bar's line.
  func clear() {
    guard isEnabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}

/// `m:ss` or `h:mm:ss`.
func formatDuration(_ seconds: Double) -> String {
  guard seconds.isFinite, seconds >= 0 else { return "--:--" }
  let total = Int(seconds.rounded())
  let hours = total / 3600
  let minutes = (total % 3600) / 60
  let rest = total % 60
  return hours > 0
    ? String(format: "%d:%02d:%02d", hours, minutes, rest)
    : String(format: "%d:%02d", minutes, rest)
}
