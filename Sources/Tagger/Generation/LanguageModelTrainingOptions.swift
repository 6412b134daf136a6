/// How to train a character language model: the network configuration plus optimisation
/// settings. Adam with PyTorch's defaults (β = 0.9, 0.999) is the optimiser.
public struct LanguageModelTrainingOptions: Sendable, Equatable, Codable {
  /// The network's hyperparameters.
  public var configuration = LanguageModelConfiguration()
  /// Adam's learning rate. 5e-3 beat 3e-3 on EWT dev with the average on (2.2771 against
  /// 2.2818 bits/char, two seeds each; Benchmarks/RESULTS.md, eleventh session).
  public var learningRate: Float = 5e-3
  /// After an epoch without a better dev score the learning rate is multiplied by this (1 keeps
  /// it).
  public var learningRateDecay: Float = 0.5
  /// Decay of the exponential moving average of the weights that is scored on dev and saved
  /// (0 turns averaging off and uses the raw weights), as for the tagger.
  public var averageDecay: Float = 0.999
  /// Lines per batch.
  public var linesPerBatch = 32
  /// Global gradient-norm clipping threshold (0 turns it off).
  public var clipNorm: Float = 5
  /// The most epochs to run.
  public var maxEpochs = 20
  /// Stop after this many epochs without a better dev score.
  public var patience = 3
  /// Stop after this many seconds of training (0: no limit); checked between batches, so the
  /// last epoch may be cut short (it is scored on dev and does not count as done).
  public var maxSeconds: Double = 0
  /// The seed of initialisation, batching and dropout.
  public var seed: UInt64 = 1
  /// Threads: 2 splits every batch in two halves computed on two cores.
  public var threads = 2

  /// The defaults.
  public init() {}

  /// Reads saved options. Only `averageDecay` may be missing: a checkpoint written before it
  /// existed trained the raw weights, so it resumes with 0. Any other missing key is an error.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func value<T: Decodable>(_ key: CodingKeys) throws -> T {
      try container.decode(T.self, forKey: key)
    }
    configuration = try value(.configuration)
    learningRate = try value(.learningRate)
    learningRateDecay = try value(.learningRateDecay)
    averageDecay = try container.decodeIfPresent(Float.self, forKey: .averageDecay) ?? 0
    linesPerBatch = try value(.linesPerBatch)
    clipNorm = try value(.clipNorm)
    maxEpochs = try value(.maxEpochs)
    patience = try value(.patience)
    maxSeconds = try value(.maxSeconds)
    seed = try value(.seed)
    threads = try value(.threads)
  }
}

/// Everything needed to continue language-model training where it stopped.
public struct LanguageModelTrainingState: Sendable {
  /// The model being trained (current weights, not the best).
  public var model: CharacterLanguageModel
  /// The moving average of the decoder's weights (nil when `options.averageDecay` is 0).
  public var averagedDecoder: RecurrentDecoder?
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
  /// The best dev bits per character so far (infinity before the first evaluation).
  public var bestDevBitsPerCharacter: Double
  /// Epochs since the best one.
  public var epochsWithoutImprovement: Int
  /// The options training runs with.
  public var options: LanguageModelTrainingOptions
}

/// What the language-model trainer reports while it runs.
public enum LanguageModelTrainingEvent: Sendable {
  /// A batch finished (`tokens` count predicted characters, `<eos>` included).
  case batch(BatchProgress)
  /// An epoch (or the part of it that ran) finished and was scored on dev.
  case epochFinished(LanguageModelLogEntry, isBest: Bool)
  /// Training stopped early (patience, time limit or interruption).
  case stopped(reason: String)
}
