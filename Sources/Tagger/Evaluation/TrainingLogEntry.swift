/// One epoch of a training run, as stored in the model file and drawn as learning curves.
public struct TrainingLogEntry: Codable, Sendable, Equatable {
  /// The 1-based epoch number.
  public var epoch: Int
  /// The mean training loss per token over the epoch.
  public var trainLoss: Double
  /// Token accuracy on the development set after the epoch, 0-100.
  public var devAccuracy: Double
  /// Span F1 (conlleval's) on the development set after the epoch, 0-100, when the tags are
  /// chunk labels (`B-NP`, `I-PER`, `O`): then it, not the token accuracy, selects the best
  /// model. With several such layers, their mean. Nil otherwise (and in older model files).
  public var devSpanF1: Double?
  /// Wall-clock seconds the epoch took.
  public var seconds: Double
  /// Training throughput over the epoch.
  public var tokensPerSecond: Double

  /// Creates a log entry.
  public init(
    epoch: Int, trainLoss: Double, devAccuracy: Double, devSpanF1: Double? = nil,
    seconds: Double, tokensPerSecond: Double
  ) {
    self.epoch = epoch
    self.trainLoss = trainLoss
    self.devAccuracy = devAccuracy
    self.devSpanF1 = devSpanF1
    self.seconds = seconds
    self.tokensPerSecond = tokensPerSecond
  }
}
