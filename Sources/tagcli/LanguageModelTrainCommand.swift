import ArgumentParser
import Corpora
import Foundation
import Tagger

/// `tagcli lm train`: trains a character language model and writes the best model on dev.
struct LanguageModelTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a character-level language model on lines of text or on corpora.",
    discussion: """
      Each input line (plain text) or sentence (any corpus format: its "# text" comment, else its \
      words joined by spaces) is one sequence of Unicode scalars between <bos> and <eos>. \
      Training uses teacher forcing and stops early on the dev bits per character. A training \
      line may have up to 2,048 characters; dev lines of any length are scored in pieces.
      """)

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var network: LanguageModelOptions

  @Argument(help: "Training files: plain text (one line per sequence) or corpora.")
  var files: [String]

  @Option(help: "Dev file for early stopping; without it every 10th line is held out.")
  var dev: String?

  @Option(name: .shortAndLong, help: "Where to write the best model.")
  var output = "lm.model"

  @Option(help: "Checkpoint written after every epoch (default: OUTPUT.checkpoint).")
  var checkpoint: String?

  @Option(
    help: """
      Continue training from a checkpoint (give the same files and --dev again; --epochs and \
      --max-time may raise its limits, its other options stay).
      """)
  var resume: String?

  func validate() throws {
    try network.validateValues()
    if resume != nil && network.seed != nil {
      throw ValidationError("--seed cannot change a resumed run; drop it")
    }
    if resume != nil {
      try ResumedRunOptions.refuseChanges(network, allowed: ["epochs", "maxTime", "threads"])
    }
  }

  func run() throws {
    try refuseOverwritingInputs()
    Interruption.install()
    var training = try TextLineInput.lines(
      of: files, corpus: corpus, maxLength: LanguageModelTrainer.maxLineLength)
    var devLines: [String]
    if let dev {
      devLines = try TextLineInput.lines(of: [dev], corpus: corpus)
    } else {
      let all = training
      training = all.enumerated().filter { $0.offset % 10 != 9 }.map(\.element)
      devLines = all.enumerated().filter { $0.offset % 10 == 9 }.map(\.element)
      guard !training.isEmpty, !devLines.isEmpty else {
        throw ValidationError("too few lines to hold out a dev set (\(all.count)); give --dev")
      }
    }
    print(
      "train: \(describe(training)) from \(files.joined(separator: ", ")); dev: \(describe(devLines))"
        + (dev.map { " from \($0)" } ?? " (every 10th line held out)"))
    var trainer: LanguageModelTrainer
    if let resume {
      var state = try LanguageModelFile.loadCheckpoint(from: resume)
      try checkResumable(state, resume: resume, training: training)
      state.options = network.resumedOptions(state.options)
      try checkEpochsLeft(state, resume: resume)
      trainer = try LanguageModelTrainer(resuming: state, training: training, dev: devLines)
      print(
        "resuming \(resume) after epoch \(state.epochsDone) with its options"
          + " (up to \(state.options.maxEpochs) epochs)")
    } else {
      let (options, pickedSeed) = network.trainingOptions()
      if pickedSeed { print("seed \(options.seed) (picked at random; pass --seed to repeat)") }
      trainer = LanguageModelTrainer(training: training, dev: devLines, options: options)
      let model = trainer.state.model
      print(
        "model: \(model.configuration.layerCount)×\(model.configuration.hiddenSize)"
          + " \(model.configuration.cell.rawValue), \(model.configuration.input.rawValue) input,"
          + " \(model.vocabulary.count) symbols, \(model.decoder.parameterCount) parameters")
    }
    fflush(nil)
    let start = Date()
    var best = try runTraining(&trainer)
    if best == nil, resume != nil {
      best = try savedBestModel(of: trainer.state)  // no better epoch since: the saved best stands
      print("no epoch beat the saved model's dev score; \(output) stands")
    }
    guard let best else {
      throw ValidationError("training stopped before any model was saved")
    }
    // The best epoch's score, measured when it was kept; a saved model that no epoch beat
    // after --resume is scored here.
    let score =
      trainer.bestDevScore ?? best.score(devLines, threads: trainer.state.options.threads)
    print(
      String(
        format: "best model on dev: %.4f bits/char, perplexity %.3f, %d characters; %.0f s in all",
        score.bitsPerCharacter, score.perplexity, score.characters,
        Date().timeIntervalSince(start)))
  }

  /// Refuses a model or checkpoint path that is one of the inputs (`OutputGuard`'s training rule).
  ///
  /// - Throws: `ValidationError` from `OutputGuard`.
  private func refuseOverwritingInputs() throws {
    try OutputGuard.refuseOverwritingTrainingInputs(
      data: files + [dev].compactMap { $0 }, resume: resume, model: output,
      checkpoint: checkpoint ?? output + ".checkpoint")
  }

  /// Refuses a checkpoint trained on other lines than `training`.
  ///
  /// - Throws: `ValidationError` naming the checkpoint and both data sizes.
  private func checkResumable(
    _ state: LanguageModelTrainingState, resume: String, training: [String]
  ) throws {
    let provenance = state.model.provenance
    guard provenance.matches(training: training) else {
      throw ValidationError(
        "--resume \(resume) was trained on other data (\(provenance.trainingLines) lines /"
          + " \(provenance.trainingCharacters) characters) than \(files.joined(separator: ", "))"
          + " (\(describe(training))); give the same files and --dev again")
    }
  }

  /// The best model of a resumed run in which no epoch beat the checkpoint's best dev score:
  /// the one the run saved to `-o` before it was checkpointed.
  ///
  /// - Throws: `ValidationError` when `output` does not exist, or holds another run's model
  ///   (another seed, other training lines or another network).
  private func savedBestModel(of state: LanguageModelTrainingState) throws
    -> CharacterLanguageModel
  {
    let run = state.model
    return try ResumedBestModel.load(
      output, bestScore: String(format: "%.4f bits/char", state.bestDevBitsPerCharacter),
      using: { try LanguageModelFile.load(from: $0) }
    ) { saved in
      ResumedBestModel.differences(
        seed: (saved.provenance.seed, run.provenance.seed),
        trainingData: (saved.provenance.trainingChecksum, run.provenance.trainingChecksum),
        sameNetwork: saved.configuration == run.configuration)
    }
  }

  /// Refuses a checkpoint that has already run every epoch it is allowed.
  ///
  /// - Throws: `ValidationError` saying how many epochs ran and how to continue.
  private func checkEpochsLeft(_ state: LanguageModelTrainingState, resume: String) throws {
    guard state.epochsDone < state.options.maxEpochs else {
      throw ValidationError(
        "--resume \(resume) has already run \(state.epochsDone) of its"
          + " \(state.options.maxEpochs) epochs; give --epochs above \(state.epochsDone) to"
          + " train on")
    }
  }

  private func describe(_ lines: [String]) -> String {
    "\(lines.count) lines / \(lines.reduce(0) { $0 + $1.unicodeScalars.count }) characters"
  }

  private func runTraining(_ trainer: inout LanguageModelTrainer) throws -> CharacterLanguageModel?
  {
    let checkpointPath = checkpoint ?? output + ".checkpoint"
    var bar = ProgressBar()
    let maxEpochs = trainer.state.options.maxEpochs
    return try trainer.train(
      onEvent: { event in
        switch event {
        case .batch(let progress):
          bar.draw(
            progress, maxEpochs: maxEpochs,
            details: String(
              format: "%.0f chars/s  %.3f bits/char", progress.tokensPerSecond, progress.meanLoss))
        case .epochFinished(let entry, let isBest):
          bar.clear()
          print(
            String(
              format: "epoch %3d  train %.4f  dev %.4f bits/char  %6.1f s  %6.0f chars/s%@",
              entry.epoch, entry.trainBitsPerCharacter, entry.devBitsPerCharacter, entry.seconds,
              entry.charactersPerSecond, isBest ? "  best, saved to \(output)" : ""))
          fflush(nil)
        case .stopped(let reason):
          bar.clear()
          print("stopped: \(reason)")
          fflush(nil)
        }
      },
      shouldStop: { Interruption.isRequested },
      saveBest: { try LanguageModelFile.save($0, to: output) },
      saveCheckpoint: { try LanguageModelFile.saveCheckpoint($0, to: checkpointPath) })
  }
}
