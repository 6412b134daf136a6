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

  var skippedErrors: [CorpusError] { [] }

  mutating func prediction(for gold: Sentence) throws -> Sentence? {
    var predicted = gold
    predicted.columnNames.append("predicted")
    let tags =
      gold.tokens.isEmpty
      ? [] : model.tagInBatches([try model.input(for: gold, file: goldFile)], decoding: decoding)[0]
    for (index, tag) in tags.enumerated() { predicted.tokens[index].values.append(tag) }
    return predicted
  }

  func tagColumn(in sentence: Sentence) throws -> Int { sentence.columnNames.count - 1 }

  mutating func finish(goldSentenceCount: Int) throws {}
}
