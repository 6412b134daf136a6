/// Training stopped because its numbers left the finite range, most often because the learning
/// rate is too high for the data: a model with NaN weights tags every word alike with a
/// probability of NaN, so it is never saved, and the models earlier epochs saved stay as they
/// were.
public struct TrainingDivergedError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The 1-based epoch that diverged.
  public var epoch: Int
  /// What stopped being finite (`the loss of batch 12`, `parameter "output.weight"`).
  public var what: String
  /// The learning rate the epoch ran with.
  public var learningRate: Float
  /// The epoch of the best model saved before, if any.
  public var bestEpoch: Int?

  /// Creates the error.
  public init(epoch: Int, what: String, learningRate: Float, bestEpoch: Int?) {
    self.epoch = epoch
    self.what = what
    self.learningRate = learningRate
    self.bestEpoch = bestEpoch
  }

  public var description: String {
    let saved =
      bestEpoch.map { "the best model so far (epoch \($0)) stays saved" } ?? "no model was saved"
    return
      "training diverged in epoch \(epoch): \(what) is no longer a finite number (NaN or "
      + "infinity); \(saved). Lower --lr (it was \(learningRate)) and train again"
  }
}
