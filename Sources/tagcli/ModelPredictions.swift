import Corpora
import Tagger

/// Predictions made by a model on the gold sentences' words: each gold sentence comes back with
/// one more column, `predicted`, holding the model's tags.
struct ModelPredictions: PredictionSource {
  let name: String
  let model: TaggerModel
  /// How the model decodes (nil: its own default).
  var decoding: Decoding? = nil
  /// The gold file, for errors about missing input feature columns.
  var goldFile = "-"
  /// The one gold layer scored (`--tag`); when a several-layer model predicts it, its column
  /// is that layer's predictions, else the model's first layer's.
  var scoredLayer: LayerSelector? = nil
  /// Which rule of the model's lemma dictionary answered each word so far.
  private(set) var lemmaSources = LemmaSourceCounts()

  var skippedErrors: [CorpusError] { [] }

  mutating func prediction(for gold: Sentence) throws -> Sentence? {
    if model.heads.label != nil { return try labelledPrediction(for: gold) }
    var predicted = gold
    let layers = model.heads.outputLayers
    predicted.columnNames += layers.indices.map {
      $0 == 0 ? "predicted" : "predicted:\(layers[$0])"
    }
    if gold.tokens.isEmpty { return predicted }
    let (tags, sources) = model.tagLayersAndLemmaSourcesInBatches(
      [try model.input(for: gold, file: goldFile)], decoding: decoding)
    for layer in tags[0] {
      for (index, tag) in layer.enumerated() { predicted.tokens[index].values.append(tag) }
    }
    lemmaSources.add(sources[0])
    return predicted
  }

  func tagColumn(in sentence: Sentence) throws -> Int {
    let layers = model.heads.outputLayers
    let first = sentence.columnNames.count - max(1, layers.count)
    return first + (scoredLayer.flatMap { layers.firstIndex(of: $0) } ?? 0)
  }

  /// The model's layers, in its order, are the last columns; each of `layers` (the model's, or
  /// some of them) is found there.
  func tagColumns(in sentence: Sentence, layers: [LayerSelector]) throws -> [Int] {
    let modelLayers = model.heads.outputLayers
    let first = sentence.columnNames.count - modelLayers.count
    return layers.enumerated().map { index, layer in
      first + (modelLayers.firstIndex(of: layer) ?? index)
    }
  }

  /// The gold sentence with the model's label and, with a tag head, its tags in `predicted`.
  private func labelledPrediction(for gold: Sentence) throws -> Sentence {
    var predicted = gold
    let prediction =
      gold.tokens.isEmpty
      ? nil : model.predictSentences([try model.input(for: gold, file: goldFile)])[0]
    predicted.label = prediction?.label?.label
    guard model.heads.tags != nil else { return predicted }
    predicted.columnNames.append("predicted")
    for (index, tag) in (prediction?.tags ?? []).enumerated() {
      predicted.tokens[index].values.append(tag.tag)
    }
    return predicted
  }

  mutating func finish(goldSentenceCount: Int) throws {}
}
