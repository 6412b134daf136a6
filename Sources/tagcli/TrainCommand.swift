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
  @OptionGroup var labelHead: LabelHeadOptions
  @OptionGroup(title: "Tag head") var head: TagHeadOptions

  @Argument(help: "Training treebanks.")
  var treebanks: [String]

  @Option(help: "Dev treebank for early stopping; without it every 10th sentence is held out.")
  var dev: String?

  @Option(name: .shortAndLong, help: "Where to write the best model.")
  var output = "model.tagger"

  @Option(
    help:
      "Checkpoint written after every epoch and on Ctrl-C, also inside an epoch (default: OUTPUT.checkpoint)."
  )
  var checkpoint: String?

  @Option(help: "Continue training from a checkpoint (give the same treebanks and --dev again).")
  var resume: String?

  @Flag(
    help:
      "Train even when most dev tokens have tags that the training data never shows (a different tag set or layer)."
  )
  var allowDevMismatch = false

  @Flag(help: "Print the final dev report as JSON.")
  var json = false

  @Option(
    help: ArgumentHelp(
      "Train N models, with seeds S, S+1, … (S from --seed), and save them as one ensemble that averages their predictions.",
      discussion:
        "Training and tagging take N times as long. No checkpoint is written; an interrupted run keeps the members finished so far.",
      valueName: "N"))
  var seeds = 1

  func validate() throws {
    try network.validateValues()
    try labelHead.validate(hasLabel: corpus.label != nil)
    try head.validateValues()
    if resume == nil { try head.validateSmoothing(softmaxTagLayers: softmaxTagLayerCount) }
    if corpus.layer == Self.lemmaLayerName {
      throw ValidationError(
        "--tag lemma reads each word's lemma from its tag in the first layer; put a tag layer first (upos,lemma)"
      )
    }
    if head.lemmaEpochs != nil && lemmaLayer == nil {
      throw ValidationError("--lemma-epochs trains the lemma decoder of a lemma layer (upos,lemma)")
    }
    if head.featsAs == .split && !additionalTagLayers.contains(Self.featsLayerName) {
      throw ValidationError(
        "--feats-as split needs feats among the --tag layers after the first (upos,feats)")
    }
    if !corpus.additionalLayers.isEmpty && corpus.label != nil {
      throw ValidationError(
        "--label trains a sentence head beside one tag layer; --tag names \(corpus.layers.count)")
    }
    if resume != nil && network.seed != nil {
      throw ValidationError("--seed cannot change a resumed run; drop it")
    }
    try validateSeeds()
    if resume != nil {
      // `--features` must be given again (the data is read with it; checked in `run`), and
      // `--lemma-epochs` may retrain a finished run's lemma decoder.
      try ResumedRunOptions.refuseChanges(
        network, labelHead, head,
        allowed: ["epochs", "minUpdates", "maxTime", "threads", "features", "lemmaEpochs"])
    }
  }

  func run() throws {
    try refuseOverwritingInputs()
    Interruption.install()
    let data = try loadData()
    var trainer: Trainer
    if let resume {
      var state = try ModelFile.loadCheckpoint(from: resume)
      guard state.model.featureLayers == head.featureLayers else {
        throw ValidationError(
          "\(resume) was trained with --features \"\(state.model.featureLayers.map(\.description).joined(separator: ","))\"; give the same --features"
        )
      }
      try checkSameData(state, resume: resume, training: data.training)
      state.options = network.resumedOptions(state.options)
      if let lemmaEpochs = head.lemmaEpochs { state.options.lemmaDecoderEpochs = lemmaEpochs }
      trainer = try Trainer(resuming: state, training: data.training, dev: data.dev)
      print("resuming \(resume) \(Self.resumePoint(state))")
    } else {
      var (options, pickedSeed) = network.trainingOptions(tagsWords: heads.tags != nil)
      head.apply(
        to: &options, preset: network.preset, hasSoftmaxTagLayer: softmaxTagLayerCount > 0)
      if let constraint = head.constrain {
        _ = try SpanConstraints.make(
          constraint, tags: TagSet.build(from: data.training.lazy.flatMap(\.tags)).tags)
      }
      if pickedSeed { print("seed \(options.seed) (picked at random; pass --seed to repeat)") }
      try checkMemory(options, training: data.training)
      if seeds > 1 {
        try runEnsemble(options: options, data: data)
        return
      }
      trainer = Trainer(
        training: data.training, dev: data.dev, options: options, tagLayer: corpus.layer,
        heads: heads)
    }
    var checkpointPoint: String?
    var best = try runTraining(&trainer, checkpointPoint: &checkpointPoint)
    if best == nil, resume != nil {
      best = try savedBestModel(of: trainer.state)  // no better epoch since: the saved best stands
      // The lemma stage of a finished run: not run yet (interrupted), or asked for again.
      if let model = best, model.lemmaDictionary != nil,
        model.lemmaDecoder == nil || head.lemmaEpochs != nil
      {
        var bar = ProgressBar()
        let retrained = trainer.retrainingLemmaDecoder(
          of: model, onEvent: { report($0, bar: &bar, maxEpochs: 0) },
          shouldStop: { Interruption.isRequested })
        try ModelFile.save(retrained, to: output)
        best = retrained
      }
    }
    guard var best else {
      throw ValidationError("training stopped before any model was saved")
    }
    best.packForInference()  // scored as `tagcli eval -m` scores the saved file
    try printDevReport(best, dev: data.dev)
    if Interruption.isRequested { throw interruptedExit(checkpointPoint: checkpointPoint) }
  }

  /// Runs the trainer with a progress bar; `checkpointPoint` says where the last checkpoint
  /// written resumes. With `ensembleMembers` (a `--seeds` run), each best model is saved as the
  /// ensemble of those members and itself, and no checkpoint is written.
  func runTraining(
    _ trainer: inout Trainer, checkpointPoint: inout String?,
    ensembleMembers: [TaggerModel]? = nil
  ) throws -> TaggerModel? {
    var lastPoint: String?
    defer { checkpointPoint = lastPoint }
    var bar = ProgressBar()
    let maxEpochs = trainer.epochLimit
    return try trainer.train(
      onEvent: { report($0, bar: &bar, maxEpochs: maxEpochs) },
      shouldStop: { Interruption.isRequested },
      saveBest: { best in
        let model = try ensembleMembers.map { try TaggerModel.ensemble($0 + [best]) } ?? best
        try ModelFile.save(model, to: output)
      },
      saveCheckpoint: {
        guard ensembleMembers == nil else { return }
        try ModelFile.saveCheckpoint($0, to: checkpointPath)
        lastPoint = Self.resumePoint($0)
      })
  }

  /// Prints one training event: a progress bar for batches, a line for the rest.
  private func report(_ event: TrainingEvent, bar: inout ProgressBar, maxEpochs: Int) {
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
          format: "epoch %3d  loss %.4f  dev %.2f%%%@  %6.1f s  %6.0f tok/s%@",
          entry.epoch, entry.trainLoss, entry.devAccuracy,
          entry.devSpanF1.map { String(format: "  span F1 %.2f", $0) } ?? "", entry.seconds,
          entry.tokensPerSecond, isBest ? "  best, saved to \(output)" : ""))
      fflush(nil)  // one line per epoch, promptly, also when stdout is a file or pipe
    case .stopped(let reason):
      bar.clear()
      print("stopped: \(reason)")
      fflush(nil)
    case .lemmaDecoderStarted(let trainingWords, let devWords):
      print(
        "lemma decoder: \(trainingWords) distinct training words, scored on the \(devWords)"
          + " dev words the dictionary has not seen")
      fflush(nil)
    case .lemmaDecoderEpoch(let epoch):
      print(
        String(
          format: "lemma epoch %3d  loss %.4f  dev %@  %6.1f s%@", epoch.epoch, epoch.trainLoss,
          epoch.devAccuracy.map { String(format: "%.2f%%", $0) } ?? "-", epoch.seconds,
          epoch.isBest ? "  best" : ""))
      fflush(nil)
    }
  }
}

extension TrainCommand {
  /// Where the checkpoint goes: `--checkpoint`, else next to the model.
  var checkpointPath: String { checkpoint ?? output + ".checkpoint" }

  /// Prints the best model's dev figures: the evaluation module's per-tag table (or JSON).
  func printDevReport(_ model: TaggerModel, dev: [TaggedSentence]) throws {
    let labels = model.heads.label == nil ? nil : labelScores(model, dev: dev)
    guard model.heads.tags != nil else {
      try printReport(tags: nil, labels: labels)
      return
    }
    if model.heads.outputLayers.count > 1 {
      var evaluator = LayeredTagEvaluator(
        layerNames: model.heads.outputLayers.map(\.description)
      ) { TagEvaluator(seenWords: model.seenWords) }
      let (predicted, sources) = model.tagLayersAndLemmaSourcesInBatches(dev.map(\.input))
      for (sentence, layers) in zip(dev, predicted) {
        evaluator.add(gold: sentence.allLayerTags, predicted: layers, words: sentence.words)
      }
      let scores = evaluator.scores(confusionLimit: 10)
      var lemmaSources: LemmaSourceCounts?
      if model.lemmaDictionary != nil {
        var counts = LemmaSourceCounts()
        counts.add(sources.joined())
        lemmaSources = counts
      }
      if json {
        print(
          try EvaluationJSON.text(
            tags: nil, labels: nil, layered: scores, lemmaSources: lemmaSources))
      } else {
        print("\nbest model on dev:")
        let heading = ReportText.Heading(
          gold: self.dev ?? "held-out sentences", goldLayer: corpus.layer.description,
          predicted: output, predictedLayer: corpus.layer.description)
        print(
          LayeredReportText.render(scores, heading: heading, isColored: isatty(1) == 1),
          terminator: "")
        if let lemmaSources { print("\nlemmas answered by: \(lemmaSources.summary)") }
      }
      return
    }
    var evaluator = TagEvaluator(seenWords: model.seenWords)
    let predicted = model.tagInBatches(dev.map(\.input))
    for (sentence, tags) in zip(dev, predicted) {
      evaluator.add(gold: sentence.tags, predicted: tags, words: sentence.words)
    }
    try printReport(tags: evaluator.scores(confusionLimit: 10), labels: labels)
  }

  /// Prints the dev figures of each head: tables, or one JSON object.
  private func printReport(tags scores: Scores?, labels: LabelScores?) throws {
    if json {
      print(try EvaluationJSON.text(tags: scores, labels: labels))
      return
    }
    print("\nbest model on dev:")
    if let scores {
      let heading = ReportText.Heading(
        gold: self.dev ?? "held-out sentences", goldLayer: corpus.layer.description,
        predicted: output, predictedLayer: corpus.layer.description)
      print(ReportText.render(scores, heading: heading, isColored: isatty(1) == 1), terminator: "")
    }
    if let labels { print(LabelReportText.render(labels, key: corpus.label ?? ""), terminator: "") }
  }
}
