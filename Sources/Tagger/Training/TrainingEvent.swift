/// What the trainer reports while it runs; the CLI turns these into a progress bar and lines.
public enum TrainingEvent: Sendable {
  /// A batch finished.
  case batch(BatchProgress)
  /// An epoch finished and was scored on the dev set.
  case epochFinished(TrainingLogEntry, isBest: Bool)
  /// Training stopped early (patience, time limit or interruption).
  case stopped(reason: String)
  /// The lemma decoder (trained after the tagger) started, with its number of distinct training
  /// words and of dev words it is scored on.
  case lemmaDecoderStarted(trainingWords: Int, devWords: Int)
  /// An epoch of the lemma decoder finished.
  case lemmaDecoderEpoch(LemmaDecoderEpoch)
}

/// Progress within an epoch.
public struct BatchProgress: Sendable {
  /// The 1-based epoch.
  public var epoch: Int
  /// Batches done in this epoch, and their total.
  public var batchesDone: Int
  /// Batches in the epoch.
  public var batchCount: Int
  /// Tokens done in this epoch.
  public var tokensDone: Int
  /// Tokens in the epoch.
  public var tokenCount: Int
  /// Mean loss per token so far in this epoch.
  public var meanLoss: Double
  /// Training speed so far in this epoch.
  public var tokensPerSecond: Double
}
