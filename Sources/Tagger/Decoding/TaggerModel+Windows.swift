extension TaggerModel {
  /// Tags sentences of any length with memory bounded by `maxLength`: longer sentences are tagged
  /// in overlapping windows (see `SentenceWindows`) and their tags stitched together.
  ///
  /// Sentences of at most `maxLength` words get exactly what `predictInBatches` gives them.
  ///
  /// - Parameters:
  ///   - sentences: word forms, in any order and of any lengths.
  ///   - maxLength: the most words run through the network as one sequence (at least 1).
  ///   - context: words of context on each side of a window's kept part (default: a quarter of
  ///     `maxLength`).
  ///   - topK: how many alternatives to keep per word.
  ///   - sentencesPerBatch: windows run through the network together.
  /// - Returns: one prediction per word, in the input's order.
  public func predictInWindows(
    _ sentences: [[String]], maxLength: Int, context: Int? = nil, topK: Int = 1,
    sentencesPerBatch: Int = 32
  ) -> [[TagPrediction]] {
    let isLong = sentences.map { $0.count > maxLength }
    var results = predictInBatches(
      zip(sentences, isLong).map { $1 ? [] : $0 }, topK: topK,
      sentencesPerBatch: sentencesPerBatch)
    for index in sentences.indices where isLong[index] {
      results[index] = predictLong(
        sentences[index], maxLength: maxLength, context: context ?? maxLength / 4, topK: topK,
        windowsPerBatch: sentencesPerBatch)
    }
    return results
  }

  /// Tags one sentence longer than `maxLength` window group by window group.
  private func predictLong(
    _ sentence: [String], maxLength: Int, context: Int, topK: Int, windowsPerBatch: Int
  ) -> [TagPrediction] {
    let windows = SentenceWindows(tokenCount: sentence.count, maxLength: maxLength, context: context)
      .windows
    var predictions: [TagPrediction] = []
    predictions.reserveCapacity(sentence.count)
    var start = 0
    while start < windows.count {
      // A bounded group of windows at a time, so their inputs never pile up.
      let group = windows[start..<min(start + windowsPerBatch, windows.count)]
      for (window, piece) in zip(group, predict(group.map { Array(sentence[$0.range]) }, topK: topK))
      {
        let offset = window.range.lowerBound
        predictions += piece[(window.kept.lowerBound - offset)..<(window.kept.upperBound - offset)]
      }
      start += group.count
    }
    return predictions
  }
}
