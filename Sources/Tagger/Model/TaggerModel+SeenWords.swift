extension TaggerModel {
  /// The words this model saw in training, for the seen/unseen split of an evaluation.
  ///
  /// The exact training forms (the standard rule) when the model stores them; otherwise, for a
  /// model file written before models kept them, the word vocabulary after its normalisation
  /// (`SeenWords.Rule.modelVocabulary`), which reports must label as not comparable with other
  /// taggers'.
  public var seenWords: SeenWords {
    if let trainingForms { return .exactForms(trainingForms.forms) }
    let vocabulary = self.vocabulary
    return SeenWords(
      Set(vocabulary.entries.dropFirst(2)), rule: .modelVocabulary,
      normalize: { vocabulary.normalize($0) })
  }
}
