/// How to train: the network configuration plus optimisation settings.
public struct TrainingOptions: Sendable, Equatable, Codable {
  /// The optimisers `--optimizer` accepts.
  public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    case adam, sgd
  }

  /// The network's hyperparameters.
  public var configuration = TaggerConfiguration()
  /// The optimiser.
  public var optimizer = OptimizerKind.adam
  /// The learning rate.
  public var learningRate: Float = 2e-3
  /// After an epoch without a better dev accuracy the learning rate is multiplied by this
  /// (1 keeps it).
  public var learningRateDecay: Float = 0.5
  /// Decay of the exponential moving average of the weights that is evaluated and saved
  /// (0 turns averaging off and uses the raw weights).
  public var averageDecay: Float = 0.999
  /// Sentences per batch.
  public var sentencesPerBatch = 32
  /// Global gradient-norm clipping threshold (0 turns it off).
  public var clipNorm: Float = 5
  /// The most epochs to run.
  public var maxEpochs = 20
  /// Stop after this many epochs without a better dev accuracy.
  public var patience = 4
  /// Stop starting new epochs after this many seconds (0: no limit).
  public var maxSeconds: Double = 0
  /// The seed of every random choice.
  public var seed: UInt64 = 1
  /// Threads: 1 runs everything on one core; 2 runs the two directions of each layer in parallel.
  public var threads = 2
  /// The span constraint stored in the model; nil detects it from the training tags.
  public var spanConstraint: SpanConstraint?
  /// The most epochs of the lemma decoder, trained after the tagger when the model has a lemma
  /// layer (`LemmaDecoderTrainer`); 0 keeps the dictionary's suffix rules for unknown words; nil
  /// (and in checkpoints written before it) is `defaultLemmaDecoderEpochs`.
  public var lemmaDecoderEpochs: Int?

  /// At least this many updates (batches) are run before `maxEpochs` ends training (early
  /// stopping still may): the epoch cap becomes `epochLimit(updatesPerEpoch:)`. Nil (and in
  /// checkpoints written before it) or 0: no minimum.
  public var minimumUpdates: Int?

  /// The epochs training may run: `maxEpochs`, or more when that many epochs of
  /// `updatesPerEpoch` batches fall short of `minimumUpdates`.
  public func epochLimit(updatesPerEpoch: Int) -> Int {
    guard let minimumUpdates, minimumUpdates > 0, updatesPerEpoch > 0 else { return maxEpochs }
    return max(maxEpochs, (minimumUpdates + updatesPerEpoch - 1) / updatesPerEpoch)
  }

  /// The lemma decoder's epochs when `lemmaDecoderEpochs` is nil.
  public static let defaultLemmaDecoderEpochs = 30

  /// The defaults.
  public init() {}
}
