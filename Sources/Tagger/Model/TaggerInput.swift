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
}
