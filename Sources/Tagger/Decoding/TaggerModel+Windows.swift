extension TaggerModel {
  /// Tags sentences of any length with memory bounded by `tokensPerBatch` and `maxLength`:
  /// sentences longer than `maxLength` words are tagged in overlapping windows (see
  /// `SentenceWindows`) whose tags are stitched together, and no batch holds more than
  /// `tokensPerBatch` padded tokens (or one window).
  ///
  /// Sentences of at most `maxLength` words are tagged whole, in length-sorted batches, so their
  /// predictions equal those of `predict` on the sentence alone.
  ///
  /// - Parameters:
  ///   - inputs: words (and input feature values), in any order and of any lengths.
  ///   - decoding: how tags are chosen (nil: the model's own default).
  ///   - maxLength: the most words run through the network as one sequence (at least 1).
  ///   - context: words of context on each side of a window's kept part (default: a quarter of
  ///     `maxLength`).
  ///   - topK: how many alternatives to keep per word.
  ///   - computesProbabilities: false skips the probabilities (the fast path for tags only).
  ///   - sentencesPerBatch: the most sentences or windows run through the network together.
  ///   - tokensPerBatch: the most padded tokens run through the network together.
  ///   - threads: how many batches run at once, one per thread (see `ParallelBatches`); the
  ///     predictions are the same whatever the number.
  /// - Returns: one prediction per word, in the input's order.
  public func predictInWindows(
    _ inputs: [TaggerInput], decoding: Decoding? = nil, maxLength: Int, context: Int? = nil,
    topK: Int = 1, computesProbabilities: Bool = true, sentencesPerBatch: Int = 32,
    tokensPerBatch: Int = 2048, threads: Int = 1
  ) -> [[TagPrediction]] {
    let decoding = decoding ?? defaultDecoding
    let sentences = inputs.map(\.words)
    var results = [[TagPrediction]](repeating: [], count: sentences.count)
    let short = sentences.indices.filter { sentences[$0].count <= maxLength }
      .sorted { sentences[$0].count < sentences[$1].count }
    var batches: [[Int]] = []
    var start = 0
    while start < short.count {
      // Sorted by length, so the last sentence added is the batch's longest.
      var end = start + 1
      while end < short.count && end - start < sentencesPerBatch
        && (end - start + 1) * sentences[short[end]].count <= tokensPerBatch
      {
        end += 1
      }
      batches.append(Array(short[start..<end]))
      start = end
    }
    let tagger = threads > 1 && batches.count > 1 ? singleThreaded : self
    // The longest batches first, so that no thread is left with a long one at the end.
    let order = Array(batches.indices.reversed())
    let outputs = ParallelBatches.map(order, threads: threads) { batchIndex in
      tagger.predict(
        batches[batchIndex].map { inputs[$0] }, decoding: decoding, topK: topK,
        computesProbabilities: computesProbabilities)
    }
    for (batchIndex, predictions) in zip(order, outputs) {
      for (index, prediction) in zip(batches[batchIndex], predictions) {
        results[index] = prediction
      }
    }
    for index in sentences.indices where sentences[index].count > maxLength {
      var predictions: [TagPrediction] = []
      predictions.reserveCapacity(sentences[index].count)
      predictInWindows(
        inputs[index], decoding: decoding, maxLength: maxLength, context: context, topK: topK,
        computesProbabilities: computesProbabilities, sentencesPerBatch: sentencesPerBatch,
        tokensPerBatch: tokensPerBatch
      ) { predictions += $1 }
      results[index] = predictions
    }
    return results
  }

  /// Tags one sentence in overlapping windows and hands over its predictions part by part, in
  /// order, so that a caller can write them out without holding the whole sentence's predictions.
  ///
  /// - Parameters:
  ///   - input: words (and input feature values).
  ///   - decoding: how tags are chosen (nil: the model's own default).
  ///   - maxLength: the most words run through the network as one sequence (at least 1).
  ///   - context: words of context on each side of a window's kept part (default: a quarter of
  ///     `maxLength`).
  ///   - topK: how many alternatives to keep per word.
  ///   - computesProbabilities: false skips the probabilities.
  ///   - sentencesPerBatch: the most windows run through the network together.
  ///   - tokensPerBatch: the most tokens run through the network together (at least one window).
  ///   - part: receives consecutive word ranges of `sentence` with their predictions.
  public func predictInWindows(
    _ input: TaggerInput, decoding: Decoding? = nil, maxLength: Int, context: Int? = nil,
    topK: Int = 1, computesProbabilities: Bool = true, sentencesPerBatch: Int = 32,
    tokensPerBatch: Int = 2048, part: (Range<Int>, ArraySlice<TagPrediction>) throws -> Void
  ) rethrows {
    let decoding = decoding ?? defaultDecoding
    let windows = SentenceWindows(
      tokenCount: input.words.count, maxLength: maxLength, context: context ?? maxLength / 4
    ).windows
    let windowsPerBatch = max(1, min(sentencesPerBatch, tokensPerBatch / maxLength))
    var start = 0
    while start < windows.count {
      let group = windows[start..<min(start + windowsPerBatch, windows.count)]
      let pieces = predict(
        group.map { input.slice($0.range) }, decoding: decoding, topK: topK,
        computesProbabilities: computesProbabilities)
      for (window, piece) in zip(group, pieces) {
        let offset = window.range.lowerBound
        try part(
          window.kept,
          piece[(window.kept.lowerBound - offset)..<(window.kept.upperBound - offset)])
      }
      start += group.count
    }
  }

  /// Word forms only: `predictInWindows(_:decoding:maxLength:…)` for models without input
  /// features.
  public func predictInWindows(
    _ sentences: [[String]], maxLength: Int, context: Int? = nil, topK: Int = 1,
    sentencesPerBatch: Int = 32, tokensPerBatch: Int = 2048
  ) -> [[TagPrediction]] {
    predictInWindows(
      sentences.map { TaggerInput(words: $0) }, maxLength: maxLength, context: context,
      topK: topK, sentencesPerBatch: sentencesPerBatch, tokensPerBatch: tokensPerBatch)
  }

  /// Word forms only: the streaming `predictInWindows` for models without input features.
  public func predictInWindows(
    _ sentence: [String], maxLength: Int, context: Int? = nil, topK: Int = 1,
    sentencesPerBatch: Int = 32, tokensPerBatch: Int = 2048,
    part: (Range<Int>, ArraySlice<TagPrediction>) throws -> Void
  ) rethrows {
    try predictInWindows(
      TaggerInput(words: sentence), maxLength: maxLength, context: context, topK: topK,
      sentencesPerBatch: sentencesPerBatch, tokensPerBatch: tokensPerBatch, part: part)
  }
}

extension TaggerModel {
  /// This model with each layer's two directions run one after the other on the calling thread,
  /// for callers that run several batches on several threads instead.
  public var singleThreaded: TaggerModel {
    var copy = self
    copy.network.runsDirectionsConcurrently = false
    copy.ensembleMembers = ensembleMembers.map(\.singleThreaded)
    return copy
  }
}

extension TaggerInput {
  /// The words (and feature values) of `range`.
  func slice(_ range: Range<Int>) -> TaggerInput {
    TaggerInput(words: Array(words[range]), features: features.map { Array($0[range]) })
  }
}
