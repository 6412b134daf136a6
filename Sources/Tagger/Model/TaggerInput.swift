import Corpora

/// What the tagger reads for one sentence: its words, and the values of the model's input
/// features (`features[k][i]` is feature k of word i), in the order of
/// `TaggerConfiguration.features`.
public struct TaggerInput: Sendable, Equatable {
  /// The word forms.
  public var words: [String]
  /// One array per input feature, each with one value per word.
  public var features: [[String]]

  /// A sentence of words with the values of the model's input features.
  public init(words: [String], features: [[String]] = []) {
    precondition(
      features.allSatisfy { $0.count == words.count },
      "TaggerInput: feature values for \(features.map(\.count)) words, \(words.count) words")
    self.words = words
    self.features = features
  }

  /// The 0-based columns of `sentence` holding the input features `layers`.
  ///
  /// - Throws: `CorpusError` at the sentence's line when a column is missing.
  public static func featureColumns(_ layers: [LayerSelector], in sentence: Sentence, file: String)
    throws
    -> [Int]
  {
    try layers.map { layer in
      guard let column = layer.columnIndex(in: sentence) else {
        throw CorpusError(
          .invalidContent("no input feature column \"\(layer)\" (the model reads it)"), file: file,
          line: sentence.sourceLine,
          excerpt: "columns: " + sentence.columnNames.joined(separator: " "))
      }
      return column
    }
  }
}

extension TaggerModel {
  /// The names of the model's input feature columns.
  public var featureLayers: [LayerSelector] { (configuration.features ?? []).map(\.layer) }

  /// What the model reads of `sentence`: its words and its input feature columns.
  ///
  /// - Throws: `CorpusError` at the sentence's line when a feature column is missing.
  public func input(for sentence: Sentence, file: String) throws -> TaggerInput {
    let columns = try TaggerInput.featureColumns(featureLayers, in: sentence, file: file)
    return TaggerInput(
      words: sentence.forms, features: columns.map { sentence.values(ofColumn: $0) })
  }
}
