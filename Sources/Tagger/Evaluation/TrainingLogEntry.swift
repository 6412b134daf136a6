/// One epoch of a training run, as stored in the model file and drawn as learning curves.
public struct TrainingLogEntry: Codable, Sendable, Equatable {
  /// The 1-based epoch number.
  public var epoch: Int
  /// The mean training loss per token over the epoch.
  public var trainLoss: Double
  /// Token accuracy on the development set after the epoch, 0-100.
  public var devAccuracy: Double
  /// Wall-clock seconds the epoch took.
  public var seconds: Double
  /// Training throughput over the epoch.
  public var tokensPerSecond: Double

  /// Creates a log entry.
  public init(
    epoch: Int, trainLoss: Double, devAccuracy: Double, seconds: Double, tokensPerSecond: Double
  ) {
    self.epoch = epoch
    self.trainLoss = trainLoss
    self.devAccuracy = devAccuracy
    self.seconds = seconds
    self.tokensPerSecond = tokensPerSecond
  }
}
