import ArgumentParser
import Tagger

/// Network and optimisation options of `tagcli lm train`; the defaults are
/// `LanguageModelTrainingOptions()`'s.
struct LanguageModelOptions: ParsableArguments {
  private static let defaults = LanguageModelTrainingOptions()

  @Option(help: "How the previous character enters: onehot or embedding.")
  var input = defaults.configuration.input
  @Option(help: "Recurrent cell: lstm, gru or rnn.") var cell = defaults.configuration.cell
  @Option(help: "Unidirectional recurrent layers.") var layers = defaults.configuration.layerCount
  @Option(help: "Hidden size of each layer.") var hidden = defaults.configuration.hiddenSize
  @Option(help: "Character embedding size (embedding input only).")
  var embeddingDim = defaults.configuration.embeddingSize
  @Option(help: "Dropout after each recurrent layer.") var dropout = defaults.configuration.dropout
  @Option(
    help: """
      Drop each recurrent (hidden-to-hidden) weight with this probability in training, one mask \
      per batch and layer (0: off).
      """)
  var weightDrop = defaults.configuration.weightDrop ?? 0
  @Option(help: "Adam learning rate.") var lr = defaults.learningRate
  @Option(help: "Multiply the learning rate by this after an epoch without a better dev score.")
  var lrDecay = defaults.learningRateDecay
  @Option(help: "Decay of the moving average of the weights that is scored and saved (0: off).")
  var average = defaults.averageDecay
  @Option(help: "Lines per batch (length-sorted buckets).") var batchSize = defaults.linesPerBatch
  @Option(help: "Global gradient-norm clipping (0: off).") var clip = defaults.clipNorm
  @Option(help: "Maximum epochs (default: \(defaults.maxEpochs); with --resume, the checkpoint's).")
  var epochs: Int?
  @Option(help: "Stop after this many epochs without a better dev bits/char.")
  var patience = defaults.patience
  @Option(
    help: """
      Stop training after this many seconds (default 0: no limit; with --resume, the \
      checkpoint's); the cut epoch is scored.
      """)
  var maxTime: Double?
  @Option(help: "Random seed (default: picked at random and printed).") var seed: UInt64?
  @Option(
    help: """
      Threads (1, or 2: each batch is split over two cores; default 2, with --resume the \
      checkpoint's). A resumed run may change it: the machine may have.
      """)
  var threads: Int?

  /// Checks ranges.
  func validateValues() throws {
    guard layers >= 1, hidden >= 1, embeddingDim >= 1 else {
      throw ValidationError("--layers, --hidden and --embedding-dim must be positive")
    }
    guard (0..<1).contains(dropout) else { throw ValidationError("--dropout must be in [0, 1)") }
    guard (0..<1).contains(weightDrop) else {
      throw ValidationError("--weight-drop must be in [0, 1)")
    }
    guard batchSize >= 1, epochs ?? 1 >= 1, patience >= 1 else {
      throw ValidationError("--batch-size, --epochs and --patience must be positive")
    }
    // Infinity is refused too: the checkpoint (JSON) cannot hold it, and no run needs it.
    guard lr > 0, lr.isFinite, clip >= 0, clip.isFinite, maxTime ?? 0 >= 0,
      (maxTime ?? 0).isFinite
    else {
      throw ValidationError(
        "--lr must be a positive number; --clip and --max-time numbers, 0 or more")
    }
    guard lrDecay > 0 && lrDecay <= 1 else { throw ValidationError("--lr-decay must be in (0, 1]") }
    guard average >= 0 && average < 1 else { throw ValidationError("--average must be in [0, 1)") }
    guard threads.map({ $0 == 1 || $0 == 2 }) ?? true else {
      throw ValidationError("--threads must be 1 or 2")
    }
  }

  /// The options, and whether the seed was picked at random.
  func trainingOptions() -> (LanguageModelTrainingOptions, pickedSeed: Bool) {
    var options = LanguageModelTrainingOptions()
    options.configuration.input = input
    options.configuration.cell = cell
    options.configuration.layerCount = layers
    options.configuration.hiddenSize = hidden
    options.configuration.embeddingSize = embeddingDim
    options.configuration.dropout = dropout
    options.configuration.weightDrop = weightDrop > 0 ? weightDrop : nil
    options.learningRate = lr
    options.learningRateDecay = lrDecay
    options.averageDecay = average
    options.linesPerBatch = batchSize
    options.clipNorm = clip
    options.maxEpochs = epochs ?? Self.defaults.maxEpochs
    options.patience = patience
    options.maxSeconds = maxTime ?? Self.defaults.maxSeconds
    options.threads = threads ?? Self.defaults.threads
    options.seed = seed ?? UInt64.random(in: 1..<1 << 31)
    return (options, seed == nil)
  }

  /// A resumed run's options: the checkpoint's, with `--epochs`, `--max-time` and `--threads`
  /// when given.
  func resumedOptions(_ saved: LanguageModelTrainingOptions) -> LanguageModelTrainingOptions {
    var options = saved
    if let epochs { options.maxEpochs = epochs }
    if let maxTime { options.maxSeconds = maxTime }
    if let threads { options.threads = threads }
    return options
  }
}
