import ArgumentParser
import Corpora
import Foundation
import Tagger

/// `tagcli train`: trains a tagger on treebanks and writes the best model on dev.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a deep bidirectional RNN tagger on treebanks (any supported format).")

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var network: NetworkOptions

  @Argument(help: "Training treebanks.")
  var treebanks: [String]

  @Option(help: "Dev treebank for early stopping; without it every 10th sentence is held out.")
  var dev: String?

  @Option(name: .shortAndLong, help: "Where to write the best model.")
  var output = "model.tagger"

  @Option(help: "Checkpoint written after every epoch (default: OUTPUT.checkpoint).")
  var checkpoint: String?

  @Option(help: "Continue training from a checkpoint (give the same treebanks and --dev again).")
  var resume: String?

  @Flag(help: "Print the final dev report as JSON.")
  var json = false

  func validate() throws {
    try network.validateValues()
    if resume != nil && network.seed != nil {
      throw ValidationError("--seed cannot change a resumed run; drop it")
    }
  }

  func run() throws {
    Interruption.install()
    let data = try loadData()
    var trainer: Trainer
    if let resume {
      let state = try ModelFile.loadCheckpoint(from: resume)
      trainer = try Trainer(resuming: state, training: data.training, dev: data.dev)
      print("resuming \(resume) after epoch \(state.epochsDone)")
    } else {
      let (options, pickedSeed) = network.trainingOptions()
      if pickedSeed { print("seed \(options.seed) (picked at random; pass --seed to repeat)") }
      trainer = Trainer(
        training: data.training, dev: data.dev, options: options, tagLayer: corpus.tag)
    }
    let best = try runTraining(&trainer)
    guard let best else {
      throw ValidationError("training stopped before any model was saved")
    }
    try printDevReport(best, dev: data.dev)
  }

  private func runTraining(_ trainer: inout Trainer) throws -> TaggerModel? {
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
              format: "%.0f tok/s  loss %.4f", progress.tokensPerSecond, progress.meanLoss))
        case .epochFinished(let entry, let isBest):
          bar.clear()
          print(
            String(
              format: "epoch %3d  loss %.4f  dev %.2f%%  %6.1f s  %6.0f tok/s%@",
              entry.epoch, entry.trainLoss, entry.devAccuracy, entry.seconds, entry.tokensPerSecond,
              isBest ? "  best, saved to \(output)" : ""))
          fflush(nil)  // one line per epoch, promptly, also when stdout is a file or pipe
        case .stopped(let reason):
          bar.clear()
          print("stopped: \(reason)")
          fflush(nil)
        }
      },
      shouldStop: { Interruption.isRequested },
      saveBest: { try ModelFile.save($0, to: output) },
      saveCheckpoint: { try ModelFile.saveCheckpoint($0, to: checkpointPath) })
  }
}

extension TrainCommand {
  /// Prints the best model's dev figures: the evaluation module's per-tag table (or JSON).
  func printDevReport(_ model: TaggerModel, dev: [TaggedSentence]) throws {
    let words = model.vocabulary
    var evaluator = TagEvaluator(
      trainingVocabulary: Set(words.entries.dropFirst(2)), normalizeWord: { words.normalize($0) })
    let predicted = model.tagInBatches(dev.map(\.words))
    for (sentence, tags) in zip(dev, predicted) {
      evaluator.add(gold: sentence.tags, predicted: tags, words: sentence.words)
    }
    let scores = evaluator.scores(confusionLimit: 10)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      print(String(decoding: try encoder.encode(scores), as: UTF8.self))
    } else {
      let heading = ReportText.Heading(
        gold: self.dev ?? "held-out sentences", goldLayer: corpus.tag,
        predicted: output, predictedLayer: corpus.tag)
      print("\nbest model on dev:")
      print(ReportText.render(scores, heading: heading, isColored: isatty(1) == 1), terminator: "")
    }
  }
}
