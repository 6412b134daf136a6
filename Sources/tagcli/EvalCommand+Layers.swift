import ArgumentParser
import Corpora
import Foundation
import Tagger

/// `tagcli eval` of several tag layers at once (`--tag upos,xpos,feats`, or a model that
/// predicts several): each layer's report, and AllTags.
extension EvalCommand {
  /// `self` scoring the layer a one-layer model was trained on when `--tag` is not given and the
  /// gold file has that layer (its first sentence does), the layer `tag` fills: a model of
  /// `--tag xpos` is scored against XPOS, not against the format's default layer. A gold file
  /// without the layer (`word/TAG` lines for a UPOS model), standard input (read once), a
  /// model of the default layer and `--pred` keep the default layer.
  ///
  /// - Throws: `CorpusError` when the gold file's first sentence cannot be read.
  func scoringModelLayer(of model: TaggerModel?) throws -> EvalCommand {
    guard corpus.tag == nil, gold != "-", let model, model.heads.outputLayers.count == 1,
      let layer = model.heads.tags?.layer, layer != .default
    else { return self }
    var reader = try makeSentenceReader(
      path: gold, format: corpus.corpusFormat, options: corpus.readerOptions)
    guard let first = try reader.next(), layer.columnIndex(in: first) != nil else { return self }
    var command = self
    command.corpus.tag = TagLayerList(single: layer)
    return command
  }

  /// The gold layers to score: `--tag`'s, else a several-layer model's own, else one layer.
  ///
  /// - Throws: `ValidationError` when `--tag` and the model's layers disagree in number, or
  ///   `--pred-tag` is given with several layers.
  func scoredLayers(model: TaggerModel?) throws -> [LayerSelector] {
    let modelLayers = model?.heads.outputLayers ?? []
    let layers = corpus.tag?.layers ?? (modelLayers.count > 1 ? modelLayers : [corpus.layer])
    guard layers.count > 1 else { return layers }
    if corpus.label != nil {
      throw ValidationError(
        "--label scores sentence labels beside one tag layer; --tag names \(layers.count)")
    }
    if predTag != nil {
      throw ValidationError(
        "--pred-tag names one predicted layer; with several --tag layers the predicted file uses the same names"
      )
    }
    if let model, model.heads.label != nil || !layers.allSatisfy(modelLayers.contains) {
      throw ValidationError(
        "\(modelPath ?? "the model") predicts \(model.heads.summary); --tag names \(layers.map(\.description).joined(separator: ",")), which it does not all fill"
      )
    }
    return layers
  }

  /// Scores several layers and prints their report (text or JSON, and HTML with `--report`).
  func runLayers(_ layers: [LayerSelector], model: TaggerModel?) throws {
    var goldReader = try makeSentenceReader(
      path: gold, format: corpus.corpusFormat, options: corpus.readerOptions)
    let decoding = try model.map { try decodingOptions.decoding(for: $0) }
    var predictions = try makePredictionSource(model: model, decoding: decoding)
    let seenWords = try trainingFile.map(readTrainingForms) ?? model?.seenWords
    var evaluator = LayeredTagEvaluator(layerNames: layers.map(\.description)) {
      TagEvaluator(
        seenWords: seenWords, chunkScheme: forcedScheme,
        scoresChunks: scheme != ChunkSchemeChoice.none)
    }
    var goldCount = 0
    var goldTokenCount = 0
    var names: [String] = []
    while let goldSentence = try goldReader.next() {
      goldCount += 1
      goldTokenCount += goldSentence.tokens.count
      guard let predicted = try predictions.prediction(for: goldSentence) else {
        throw predictionsEnded(predictions, goldCount: goldCount, goldSentence: goldSentence)
      }
      let goldColumns = try layers.map { try $0.column(in: goldSentence, file: gold) }
      let predictedColumns = try predictions.tagColumns(in: predicted, layers: layers)
      for (goldColumn, predictedColumn) in zip(goldColumns, predictedColumns) {
        try refuseEmptyTags(
          gold: goldSentence, goldColumn: goldColumn, predicted: predicted,
          predictedColumn: predictedColumn, predictedFile: predictions.name)
      }
      try evaluator.add(
        gold: goldSentence, goldColumns: goldColumns, predicted: predicted,
        predictedColumns: predictedColumns, predictedFile: predictions.name)
      names = goldColumns.map { goldSentence.columnNames[$0] }
    }
    guard goldTokenCount > 0 else { throw corpus.noSentences(in: gold) }
    try predictions.finish(goldSentenceCount: goldCount)
    let scores = evaluator.scores(confusionLimit: confusions)
    for (name, layerScores) in zip(scores.layerNames, scores.layers) {
      warnIfCopied(layerScores, layer: name)
    }
    let heading = ReportText.Heading(
      gold: gold, goldLayer: names.joined(separator: ","), predicted: predictions.name,
      predictedLayer: names.joined(separator: ","))
    let lemmaSources = (predictions as? ModelPredictions)?.lemmaSources
    if json {
      print(
        try EvaluationJSON.text(
          tags: nil, labels: nil, layered: scores,
          lemmaSources: model?.lemmaDictionary == nil ? nil : lemmaSources))
    } else {
      print("gold       \(gold)\npredicted  \(predictions.name)\n")
      print(
        LayeredReportText.render(scores, heading: heading, isColored: usesColor), terminator: "")
      if model?.lemmaDictionary != nil, let lemmaSources {
        print("\nlemmas answered by: \(lemmaSources.summary)")
      }
    }
    if let report {
      let page = ReportHTML.page(
        scores: nil, title: "\(predictions.name) vs \(gold)", trainingLog: model?.provenance.log,
        layered: scores)
      try SafeFile.write(Array(page.utf8), to: report)
    }
    reportSkipped(goldReader.skippedErrors + predictions.skippedErrors)
  }
}
