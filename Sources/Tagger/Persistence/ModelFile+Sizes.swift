extension ModelFile {
  /// Checks, before any network is allocated, that the configuration's sizes are valid and ask
  /// for no more weights than the file holds, so that a corrupted or hostile header cannot make
  /// loading allocate more memory than the file's own size. (Fewer is left to the per-tensor
  /// shape check, which names the tensor.)
  ///
  /// - Parameter requiresTags: whether the model has a tag head (a sentence classifier has none).
  /// - Throws: `ModelFileError` of kind `.badHeader` naming the problem.
  static func checkSizes(
    _ configuration: TaggerConfiguration, wordCount: Int, characterCount: Int, tagCount: Int,
    requiresTags: Bool = true, layerTagCounts: [Int] = [], storedWeights: Int, path: String
  ) throws {
    guard tagCount >= 1 || !requiresTags else {
      throw ModelFileError(.badHeader("the tag set is empty"), path: path)
    }
    if let problem = configuration.sizeProblem {
      throw ModelFileError(.badHeader("configuration: \(problem)"), path: path)
    }
    var expected = configuration.parameterCount(
      wordCount: wordCount, characterCount: characterCount, tagCount: tagCount)
    for layerTags in layerTagCounts {  // each more tag layer's classifier, `[C_k, 2H]` plus bias
      let (weights, overflows) = layerTags.multipliedReportingOverflow(
        by: 2 * configuration.hiddenSize + 1)
      let sum = expected.map { $0.addingReportingOverflow(weights) }
      expected = overflows || sum == nil || sum!.overflow ? nil : sum!.partialValue
    }
    guard let expected, expected <= storedWeights else {
      let asked = expected.map { "\($0)" } ?? "more than \(Int.max)"
      throw ModelFileError(
        .badHeader(
          "the configuration and vocabularies ask for \(asked) weights but the file holds "
            + "\(storedWeights)"),
        path: path)
    }
  }
}
