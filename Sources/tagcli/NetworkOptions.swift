import ArgumentParser
import Tagger

extension TrainingPreset: ExpressibleByArgument {}

/// Model and optimisation options of `tagcli train`.
struct NetworkOptions: ParsableArguments {
  @Option(
    help:
      "Network sizes: accurate (2 layers of 128, character BiLSTM, and small hashed affixes and shapes when tagging words) or fast (1 layer of 64, hashed affixes and shapes instead of characters); the options below override it."
  )
  var preset: TrainingPreset = .accurate
  @Option(help: "Recurrent cell.") var cell: CellKind = .lstm
  @Option(help: "Bidirectional layers (default: the preset's, 2).") var layers: Int?
  @Option(help: "Hidden size per direction (default: the preset's, 128).") var hidden: Int?
  @Option(help: "Word embedding size.") var wordDim = 100
  @Option(help: "Character embedding size.") var charDim = 32
  @Option(
    help:
      "Character LSTM size per direction (0 turns the character encoder off; default: the preset's, 50)."
  )
  var charHidden: Int?
  @Option(
    help:
      "Hashed prefix/suffix (1-4 characters) embedding size (0: none; default: the preset's: accurate 32 with a tag layer and 0 for a sentence classifier alone, fast 50)."
  )
  var affixDim: Int?
  @Option(
    help: "Word-shape embedding size, used with --affix-dim (default: the preset's, 8 or 16).")
  var shapeDim: Int?
  @Option(help: "Rows the affixes are hashed into.")
  var affixBuckets = TaggerConfiguration.defaultAffixBuckets
  @Option(
    help:
      "Character dropout: in training, each character the character encoder reads becomes <unk> with this probability."
  )
  var charDropout: Float = 0
  @Flag(
    help:
      "Skip connections: add each stack layer's input to its output (through a projection where the widths differ)."
  )
  var residual = false
  @Option(
    help:
      "Dropout rate (default: the preset's, 0.33; accurate 0.5 for a sentence classifier alone).")
  var dropout: Float?
  @Option(help: "Word dropout α: a word becomes <unk> with probability α/(α+count).")
  var wordDropout: Float = 0.25
  @Option(help: "Words seen fewer times are left out of the vocabulary.") var minWordCount = 2
  @Option(help: "Optimizer.") var optimizer: TrainingOptions.OptimizerKind = .adam
  @Option(help: "Learning rate.") var lr: Float = 2e-3
  @Option(
    help:
      "Multiply the learning rate by this after an epoch without a better dev score (1: never).")
  var lrDecay: Float = 0.5
  @Option(help: "Decay of the moving average of the weights that is evaluated and saved (0: off).")
  var average: Float = 0.999
  @Option(help: "Sentences per batch.") var batchSize = 32
  @Option(help: "Global gradient-norm clipping (0: off).") var clip: Float = 5
  @Option(help: "Maximum epochs (default: 20; with --resume, the checkpoint's).") var epochs: Int?
  @Option(
    help:
      "Run at least this many updates (batches) before the epoch cap ends training (small treebanks); early stopping still applies (default 0: none)."
  )
  var minUpdates: Int?
  @Option(
    help:
      "Stop after this many epochs without a better dev score: token accuracy, or span F1 when the tags are chunk labels (B-NP, I-PER, O)."
  )
  var patience = 4
  @Option(
    help:
      "Start no new epoch after this many seconds (default 0: no limit; with --resume, the checkpoint's)."
  )
  var maxTime: Double?
  @Option(help: "Random seed (default: picked at random and printed).") var seed: UInt64?
  @Option(
    help: """
      Threads (1 or 2: the two directions of each layer run in parallel; default 2, with \
      --resume the checkpoint's). A resumed run may change it: the machine may have.
      """)
  var threads: Int?

  /// Checks ranges.
  func validateValues() throws {
    for (option, value) in [
      ("--layers", layers ?? 1), ("--hidden", hidden ?? 1), ("--word-dim", wordDim),
      ("--char-dim", charDim), ("--shape-dim", shapeDim ?? 1),
      ("--batch-size", batchSize), ("--epochs", epochs ?? 1), ("--patience", patience),
      ("--min-word-count", minWordCount),
    ] where value < 1 {
      throw ValidationError("\(option) must be at least 1; got \(value)")
    }
    guard (minUpdates ?? 0) >= 0 else {
      throw ValidationError("--min-updates must be 0 or more; got \(minUpdates ?? 0)")
    }
    guard (charHidden ?? 0) >= 0 else {
      throw ValidationError(
        "--char-hidden must be 0 (no character encoder) or more; got \(charHidden ?? 0)")
    }
    guard (affixDim ?? 0) >= 0 else {
      throw ValidationError("--affix-dim must be 0 (no affixes) or more; got \(affixDim ?? 0)")
    }
    guard (3...(1 << 24)).contains(affixBuckets) else {
      throw ValidationError("--affix-buckets must be in 3...\(1 << 24); got \(affixBuckets)")
    }
    if let dropout, !(0..<1).contains(dropout) {
      throw ValidationError("--dropout must be in [0, 1); got \(dropout)")
    }
    guard (0..<1).contains(charDropout) else {
      throw ValidationError("--char-dropout must be in [0, 1); got \(charDropout)")
    }
    if charDropout > 0 && (charHidden ?? preset.characterHiddenSize) == 0 {
      throw ValidationError(
        "--char-dropout drops the character encoder's input, and this network has none (--char-hidden 0 or --preset fast)"
      )
    }
    guard lr > 0, lr.isFinite else {
      throw ValidationError("--lr must be a positive number; got \(lr)")
    }
    // Infinity is refused too: the checkpoint (JSON) cannot hold it, and no run needs it.
    for (option, value) in [
      ("--clip", Double(clip)), ("--word-dropout", Double(wordDropout)),
      ("--max-time", maxTime ?? 0),
    ] where !(value >= 0 && value.isFinite) {
      throw ValidationError("\(option) must be a number, 0 or more; got \(value)")
    }
    guard lrDecay > 0 && lrDecay <= 1 else { throw ValidationError("--lr-decay must be in (0, 1]") }
    guard average >= 0 && average < 1 else { throw ValidationError("--average must be in [0, 1)") }
    guard threads.map({ $0 == 1 || $0 == 2 }) ?? true else {
      throw ValidationError("--threads must be 1 or 2")
    }
  }

  /// The options, and whether the seed was picked at random; `tagsWords` says whether the model
  /// has a tag head (the preset's affixes depend on it).
  func trainingOptions(tagsWords: Bool = true) -> (TrainingOptions, pickedSeed: Bool) {
    var options = TrainingOptions()
    options.configuration.cell = cell.rawValue
    options.configuration.layerCount = layers ?? preset.layerCount
    options.configuration.hiddenSize = hidden ?? preset.hiddenSize
    options.configuration.wordEmbeddingSize = wordDim
    options.configuration.characterEmbeddingSize = charDim
    options.configuration.characterHiddenSize = charHidden ?? preset.characterHiddenSize
    let affixSize = affixDim ?? preset.affixEmbeddingSize(tagsWords: tagsWords)
    if affixSize > 0 {
      options.configuration.affixEmbeddingSize = affixSize
      options.configuration.shapeEmbeddingSize = shapeDim ?? preset.shapeEmbeddingSize
      options.configuration.affixBuckets = affixBuckets
    }
    options.configuration.dropout = dropout ?? preset.dropout(tagsWords: tagsWords)
    options.configuration.characterDropout = charDropout > 0 ? charDropout : nil
    options.configuration.residual = residual ? true : nil
    options.configuration.wordDropoutAlpha = wordDropout
    options.configuration.minimumWordCount = minWordCount
    options.optimizer = optimizer
    options.learningRate = lr
    options.learningRateDecay = lrDecay
    options.averageDecay = average
    options.sentencesPerBatch = batchSize
    options.clipNorm = clip
    options.maxEpochs = epochs ?? 20
    options.minimumUpdates = minUpdates ?? 0
    options.patience = patience
    options.maxSeconds = maxTime ?? 0
    options.threads = threads ?? 2
    options.seed = seed ?? UInt64.random(in: 1..<1 << 31)
    return (options, seed == nil)
  }

  /// A resumed run's options: the checkpoint's, with `--epochs`, `--max-time` and `--threads`
  /// when given.
  func resumedOptions(_ saved: TrainingOptions) -> TrainingOptions {
    var options = saved
    if let epochs { options.maxEpochs = epochs }
    if let minUpdates { options.minimumUpdates = minUpdates }
    if let maxTime { options.maxSeconds = maxTime }
    if let threads { options.threads = threads }
    return options
  }
}
