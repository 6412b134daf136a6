/// Everything needed to continue training where it stopped: weights, optimiser state, epoch,
/// random state and early-stopping bookkeeping. Saved after every epoch as a checkpoint, and
/// inside an epoch when training is interrupted (then `epochProgress` says where).
public struct TrainingState: Sendable {
  /// The model being trained (current weights, not the best).
  public var model: TaggerModel
  /// The moving average of the weights (evaluated and saved instead of them), when enabled.
  public var averagedNetwork: TaggerNetwork?
  /// The learning rate now (after decays).
  public var learningRate: Float
  /// Optimiser steps taken.
  public var stepsDone: Int
  /// The optimiser's state as named matrices.
  public var optimizerState: [(name: String, value: Matrix)]
  /// Epochs completed.
  public var epochsDone: Int
  /// The random generator's state.
  public var randomState: UInt64
  /// The best dev score so far (0-100): token accuracy, or span F1 for chunk labels
  /// (`DevScores.selection`). The name is the checkpoint file's.
  public var bestDevAccuracy: Double
  /// Epochs since the best one.
  public var epochsWithoutImprovement: Int
  /// The options training runs with.
  public var options: TrainingOptions
  /// Where the epoch after `epochsDone` stood when training was interrupted inside it; nil for
  /// a checkpoint written between epochs.
  public var epochProgress: EpochProgress? = nil
}
