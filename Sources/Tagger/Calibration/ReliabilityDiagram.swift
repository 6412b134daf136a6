/// Confidence against accuracy in equal-width bins, and the expected calibration error.
///
/// Each token contributes its confidence (the probability given to the chosen tag) and whether the
/// tag is right. `ECE = Σ_bins (n_bin / N) · |accuracy_bin − confidence_bin|` (Guo et al. 2017,
/// "On Calibration of Modern Neural Networks"), reported in percent.
public struct ReliabilityDiagram: Sendable, Equatable, Codable {
  /// One bin `[lower, upper)` (the last includes 1).
  public struct Bin: Sendable, Equatable, Codable {
    /// The bin's lower edge.
    public var lower: Double
    /// The bin's upper edge.
    public var upper: Double
    /// Tokens whose confidence falls in the bin.
    public var count: Int
    /// Their mean confidence (0 for an empty bin).
    public var meanConfidence: Double
    /// The share of them tagged right (0 for an empty bin).
    public var accuracy: Double
  }

  /// The number of bins used throughout (as in Guo et al. 2017).
  public static let binCount = 15

  /// The bins, lowest first.
  public var bins: [Bin]
  /// The expected calibration error in percent.
  public var expectedCalibrationError: Double

  /// The diagram of `(confidence, isCorrect)` pairs over `binCount` equal-width bins.
  public init(_ tokens: [(confidence: Double, isCorrect: Bool)], binCount: Int = binCount) {
    var counts = [Int](repeating: 0, count: binCount)
    var confidenceSums = [Double](repeating: 0, count: binCount)
    var correct = [Int](repeating: 0, count: binCount)
    for token in tokens {
      let bin = min(max(Int(token.confidence * Double(binCount)), 0), binCount - 1)
      counts[bin] += 1
      confidenceSums[bin] += token.confidence
      if token.isCorrect { correct[bin] += 1 }
    }
    var error = 0.0
    bins = (0..<binCount).map { index in
      let count = counts[index]
      let confidence = count > 0 ? confidenceSums[index] / Double(count) : 0
      let accuracy = count > 0 ? Double(correct[index]) / Double(count) : 0
      if count > 0 {
        error += Double(count) / Double(max(tokens.count, 1)) * abs(accuracy - confidence)
      }
      return Bin(
        lower: Double(index) / Double(binCount), upper: Double(index + 1) / Double(binCount),
        count: count, meanConfidence: confidence, accuracy: accuracy)
    }
    expectedCalibrationError = 100 * error
  }
}
