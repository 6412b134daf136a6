import ArgumentParser
import Corpora
import Foundation
import Tagger

/// `tagcli eval`: scores predicted tags against a gold corpus.
///
/// The predicted sentences come from one place, `makePredictionSource()`: a second corpus file
/// (`--pred`, `FilePredictions`) or a model run on the gold sentences (`-m`, `ModelPredictions`).
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Score predicted tags against gold tags: accuracy, per-tag F1, confusions, chunks.",
    discussion: """
      Both files must hold the same sentences with the same words, in the same order. \
      Chunk (span) figures follow conlleval and are computed when the gold tags are \
      B-/I-/E-/S- labels, or when --scheme names a scheme.
      """)

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup(title: "Decoding (with -m)") var decodingOptions: DecodingOptions

  @Argument(help: "The gold corpus file.")
  var gold: String

  @Option(name: .long, help: "The predicted corpus file.")
  var pred: String?

  @Option(
    name: [.short, .customLong("model")],
    help: "Tag the gold file's words with this model and score its tags (instead of --pred).")
  var modelPath: String?

  @Option(
    name: .customLong("pred-format"), help: "Format of the predicted file; detected when omitted.")
  var predFormat: CorpusFormat?

  @Option(name: .customLong("pred-tag"), help: "Tag layer of the predicted file (default: --tag).")
  var predTag: LayerSelector?

  @Option(name: .long, help: "Chunk scheme (none: no chunk figures); detected when omitted.")
  var scheme: ChunkSchemeChoice?

  @Option(
    name: .customLong("train"),
    help: """
      Training corpus (read like the gold file) whose exact word forms split accuracy into \
      seen/unseen (default with -m: the forms stored in the model).
      """)
  var trainingFile: String?

  @Option(name: .long, help: "How many of the most frequent confusions to list.")
  var confusions = 10

  @Flag(name: .long, help: "Print all figures as one JSON object instead of tables.")
  var json = false

  @Flag(
    help:
      "Score even when most gold tags are tags the model cannot predict (a different tag set or layer)."
  )
  var allowTagMismatch = false

  @Option(name: .long, help: "Also write a self-contained HTML report to this path.")
  var report: String?

  func validate() throws {
    guard (pred == nil) != (modelPath == nil) else {
      throw ValidationError("give either the predicted file (--pred PRED) or a model (-m MODEL)")
    }
    if modelPath != nil, predFormat != nil || predTag != nil {
      throw ValidationError("--pred-format and --pred-tag go with --pred, not with -m")
    }
    if modelPath == nil,
      decodingOptions.decode != nil || decodingOptions.constrain != nil
        || decodingOptions.temperature != nil || decodingOptions.lemmaBeam != nil
    {
      throw ValidationError(
        "--decode, --constrain, --temperature and --lemma-beam go with -m MODEL")
    }
    guard confusions >= 0 else { throw ValidationError("--confusions must be 0 or more") }
  }

  /// What one evaluation produced.
  struct Outcome {
    /// The tag figures; nil when only sentence labels are scored.
    var scores: Scores?
    /// The sentence-label figures; nil when no labels are scored.
    var labels: LabelScores?
    /// What was compared, for the terminal report.
    var heading: ReportText.Heading
    /// Sentences skipped in lenient mode, gold first.
    var skipped: [CorpusError]
    /// The model's training log, when a model made the predictions.
    var trainingLog: [TrainingLogEntry]?
    /// Calibration figures, when a model made the predictions.
    var calibration: CalibrationReport? = nil
  }

  func run() throws {
    if let report {
      try OutputGuard.refuseOverwriting(
        inputs: [gold, pred, modelPath, trainingFile].compactMap { $0 },
        outputs: [.init(option: "--report", path: report, kind: .report)])
    }
    let model = try modelPath.map { try ModelFile.loadForInference(from: $0) }
    try scoringModelLayer(of: model).run(model: model)
  }

  /// `run()` once the model is loaded.
  private func run(model: TaggerModel?) throws {
    let layers = try scoredLayers(model: model)
    if layers.count > 1 {
      try runLayers(layers, model: model)
      return
    }
    let outcome = try evaluateFiles(model: model)
    if let scores = outcome.scores { warnIfCopied(scores, layer: outcome.heading.goldLayer) }
    if json {
      print(
        try EvaluationJSON.text(
          tags: outcome.scores, labels: outcome.labels, calibration: outcome.calibration))
    } else {
      if let scores = outcome.scores {
        let text = ReportText.render(scores, heading: outcome.heading, isColored: usesColor)
        print(text, terminator: "")
      }
      if let calibration = outcome.calibration {
        print(Self.calibrationText(calibration), terminator: "")
      }
      if let labels = outcome.labels {
        let key = outcome.heading.goldLabel ?? ""
        print(LabelReportText.render(labels, key: key, isColored: usesColor), terminator: "")
      }
    }
    if let report {
      let title = "\(outcome.heading.predicted) vs \(outcome.heading.gold)"
      var page = ReportHTML.page(
        scores: outcome.scores, labels: outcome.labels, title: title,
        trainingLog: outcome.trainingLog)
      if let calibration = outcome.calibration {
        let section = ReportHTML.section(
          "Calibration (reliability diagram)", ReportHTML.calibrationSection(calibration))
        page = page.replacingOccurrences(of: "</body></html>", with: section + "</body></html>")
      }
      try writeReport(page, to: report)
    }
    reportSkipped(outcome.skipped)
  }

  /// Reads both inputs and scores them, printing nothing.
  ///
  /// - Throws: `CorpusError` for unreadable input, a missing tag layer, misaligned sentences or
  ///   different sentence counts.
  func evaluateFiles() throws -> Outcome {
    try evaluateFiles(model: modelPath.map { try ModelFile.loadForInference(from: $0) })
  }

  /// Scores `model`'s predictions (nil: the `--pred` file's) against the gold file.
  func evaluateFiles(model: TaggerModel?) throws -> Outcome {
    let plan = try scoringPlan(model: model)
    var goldReader = try makeSentenceReader(
      path: gold, format: corpus.corpusFormat, options: plan.readerOptions(corpus.readerOptions))
    // A sentence classifier without a tag head has no tag decoding to choose.
    let decoding = try model.flatMap {
      $0.heads.tags == nil ? nil : try decodingOptions.decoding(for: $0)
    }
    var predictions = try makePredictionSource(model: model, plan: plan, decoding: decoding)
    // --train FILE first, else the model's own training forms (or, for an older model file,
    // its vocabulary); both rules are labelled in the report.
    let seenWords = try trainingFile.map(readTrainingForms) ?? model?.seenWords
    var evaluator = TagEvaluator(
      seenWords: seenWords, chunkScheme: forcedScheme,
      scoresChunks: scheme != ChunkSchemeChoice.none)
    var labels = plan.labelKey.map { _ in
      LabelEvaluator(knownLabels: model.map { Set($0.labelSet.tags) })
    }
    let layers = try evaluate(
      gold: &goldReader, predictions: &predictions, into: &evaluator, labels: &labels,
      scoresTags: plan.scoresTags)
    var heading = ReportText.Heading(
      gold: gold, goldLayer: layers.gold, predicted: predictions.name,
      predictedLayer: layers.predicted)
    heading.goldLabel = plan.labelKey
    var outcome = Outcome(
      scores: plan.scoresTags ? evaluator.scores(confusionLimit: confusions) : nil,
      labels: labels?.scores(confusionLimit: confusions), heading: heading,
      skipped: goldReader.skippedErrors + predictions.skippedErrors,
      trainingLog: model?.provenance.log)
    if let model, let scores = outcome.scores, !allowTagMismatch {
      try refuseForeignGoldTags(scores, model: model, layer: layers.gold)
    }
    // Calibration reads the gold file again, which standard input cannot give twice.
    if let model, let decoding, gold != "-" {
      outcome.calibration = try calibration(of: model, decoding: decoding)
    }
    return outcome
  }

  /// Colours only on a terminal, and never when `NO_COLOR` is set.
  var usesColor: Bool {
    isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }

  /// The one place predicted sentences come from.
  func makePredictionSource(
    model: TaggerModel? = nil, plan: ScoringPlan? = nil, decoding: Decoding? = nil
  ) throws -> any PredictionSource {
    if let model, let modelPath {
      return ModelPredictions(
        name: modelPath, model: model, decoding: decoding, goldFile: gold,
        scoredLayer: corpus.tag?.layers.first)
    }
    let path = pred ?? "-"
    var options = plan?.readerOptions(corpus.readerOptions) ?? corpus.readerOptions
    options.tagLayer = predTag ?? corpus.layer
    let reader = try makeSentenceReader(
      path: path, format: predFormat, options: options)
    return FilePredictions(name: path, reader: reader, layer: options.tagLayer)
  }

  /// Feeds every gold sentence and its prediction to `evaluator`.
  ///
  /// - Returns: the names of the tag columns used (of the last sentence pair), for the heading.
  /// - Throws: `CorpusError` for unreadable input, a missing tag layer, misaligned sentences, or
  ///   files with different sentence counts.
  func evaluate(
    gold goldReader: inout any SentenceReader, predictions: inout any PredictionSource,
    into evaluator: inout TagEvaluator, labels: inout LabelEvaluator?, scoresTags: Bool = true
  ) throws -> (gold: String, predicted: String) {
    var goldCount = 0
    var goldTokenCount = 0
    var layers = (gold: corpus.layer.description, predicted: (predTag ?? corpus.layer).description)
    while let goldSentence = try goldReader.next() {
      goldCount += 1
      goldTokenCount += goldSentence.tokens.count
      guard let predicted = try predictions.prediction(for: goldSentence) else {
        throw predictionsEnded(predictions, goldCount: goldCount, goldSentence: goldSentence)
      }
      if let goldLabel = goldSentence.label {
        labels?.add(gold: goldLabel, predicted: predicted.label, words: goldSentence.forms)
      }
      guard scoresTags else { continue }
      let goldColumn = try corpus.layer.column(in: goldSentence, file: gold)
      let predictedColumn = try predictions.tagColumn(in: predicted)
      try refuseEmptyTags(
        gold: goldSentence, goldColumn: goldColumn, predicted: predicted,
        predictedColumn: predictedColumn, predictedFile: predictions.name)
      try evaluator.add(
        gold: goldSentence, goldColumn: goldColumn, predicted: predicted,
        predictedColumn: predictedColumn, predictedFile: predictions.name)
      layers = (goldSentence.columnNames[goldColumn], predicted.columnNames[predictedColumn])
    }
    guard goldTokenCount > 0 else { throw corpus.noSentences(in: gold) }
    try predictions.finish(goldSentenceCount: goldCount)
    return layers
  }

  /// Refuses an empty gold or predicted tag: plain text, say, has a tag column with nothing in
  /// it, and "" would be scored as a class.
  ///
  /// - Throws: `CorpusError` naming the file, the sentence's line and the word.
  func refuseEmptyTags(
    gold goldSentence: Sentence, goldColumn: Int, predicted: Sentence, predictedColumn: Int,
    predictedFile: String
  ) throws {
    if let error = goldSentence.emptyTagError(column: goldColumn, file: gold)
      ?? predicted.emptyTagError(column: predictedColumn, file: predictedFile)
    {
      throw error
    }
  }

  /// The error of a prediction source that ends before gold sentence `goldCount`.
  func predictionsEnded(
    _ predictions: any PredictionSource, goldCount: Int, goldSentence: Sentence
  ) -> CorpusError {
    CorpusError(
      .invalidContent(
        "ends after \(goldCount - 1) sentences, but the gold file has more "
          + "(sentence \(goldCount) at \(gold):\(goldSentence.sourceLine))"),
      file: predictions.name)
  }

  /// The scheme given with `--scheme`, nil for detection (or `none`).
  var forcedScheme: ChunkScheme? {
    if case .scheme(let chosen) = scheme { return chosen }
    return nil
  }

  /// The exact word forms of the training corpus (the standard seen/unseen rule).
  func readTrainingForms(path: String) throws -> SeenWords {
    var reader = try corpus.reader(for: path)
    var words: Set<String> = []
    while let sentence = try reader.next() { words.formUnion(sentence.forms) }
    return .exactForms(words)
  }

  private func jsonText(_ scores: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(scores), as: UTF8.self)
  }

  private func writeReport(_ page: String, to path: String) throws {
    try SafeFile.write(Array(page.utf8), to: path)
  }
}

/// Where `tagcli eval` gets the predicted sentence for each gold sentence, in order.
///
/// A file of predictions is one source (`FilePredictions`). A tagger is another: its
/// `prediction(for:)` tags the gold sentence's words and returns a copy holding the predicted
/// tags in the column that `tagColumn(in:)` names; its `finish` has nothing to check.
protocol PredictionSource {
  /// The name used in messages (the predicted file's path, or the model's).
  var name: String { get }
  /// Sentences skipped in lenient mode.
  var skippedErrors: [CorpusError] { get }
  /// The prediction for `gold`, or nil when the source has ended before the gold file.
  mutating func prediction(for gold: Sentence) throws -> Sentence?
  /// The column holding the predicted tags in `sentence`.
  func tagColumn(in sentence: Sentence) throws -> Int
  /// The columns holding the predicted tags of each of `layers` (the gold layers scored).
  func tagColumns(in sentence: Sentence, layers: [LayerSelector]) throws -> [Int]
  /// Checks, after the last gold sentence, that the source has nothing left.
  mutating func finish(goldSentenceCount: Int) throws
}

/// Predictions read from a second corpus file, sentence by sentence.
struct FilePredictions: PredictionSource {
  let name: String
  var reader: any SentenceReader
  let layer: LayerSelector

  var skippedErrors: [CorpusError] { reader.skippedErrors }

  mutating func prediction(for gold: Sentence) throws -> Sentence? { try reader.next() }

  func tagColumn(in sentence: Sentence) throws -> Int {
    try layer.column(in: sentence, file: name)
  }

  /// The predicted file names its layers as the gold file does.
  func tagColumns(in sentence: Sentence, layers: [LayerSelector]) throws -> [Int] {
    try layers.map { try $0.column(in: sentence, file: name) }
  }

  mutating func finish(goldSentenceCount: Int) throws {
    guard let extra = try reader.next() else { return }
    throw CorpusError(
      .invalidContent(
        "has more sentences than the gold file (\(goldSentenceCount)); sentence "
          + "\(goldSentenceCount + 1) starts here"),
      file: name, line: extra.sourceLine)
  }
}
