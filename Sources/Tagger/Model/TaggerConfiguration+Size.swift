extension TaggerConfiguration {
  /// What is wrong with the sizes, or nil when a network can be built from them: at least one
  /// layer, positive hidden and embedding sizes, a character hidden size of 0 (off) or more, and
  /// dropout rates and tag smoothing in `[0, 1)`.
  public var sizeProblem: String? {
    if layerCount < 1 { return "layer count \(layerCount) must be at least 1" }
    if hiddenSize < 1 { return "hidden size \(hiddenSize) must be at least 1" }
    if wordEmbeddingSize < 1 {
      return "word embedding size \(wordEmbeddingSize) must be at least 1"
    }
    if characterHiddenSize < 0 {
      return "character hidden size \(characterHiddenSize) must not be negative"
    }
    if usesCharacters && characterEmbeddingSize < 1 {
      return "character embedding size \(characterEmbeddingSize) must be at least 1"
    }
    if !(dropout >= 0 && dropout < 1) { return "dropout \(dropout) must be in [0, 1)" }
    // Training values too: a file's are those a resumed run trains with.
    if let rate = characterDropout, !(0..<1).contains(rate) {
      return "character dropout \(rate) must be in [0, 1)"
    }
    if let smoothing = tagSmoothing, !(0..<1).contains(smoothing) {
      return "tag smoothing \(smoothing) must be in [0, 1)"
    }
    if let problem = affixProblem { return problem }
    return nil
  }

  /// The number of weights of a network with this configuration, or nil when it does not fit in
  /// an `Int` (or `sizeProblem` is not nil).
  ///
  /// Word embeddings `V·E`; character embeddings `Vc·Ec` and two character LSTM directions of
  /// `4·Hc·(Ec + Hc + 2)`; per stack layer two directions of `G·H·(D + H + 2)` with `D = E + 2Hc`
  /// for the first layer and `2H` above; the skip connections' projection `2H·(D + 1)` when
  /// `D ≠ 2H`; the classifier `C·(2H + 1)` (G = gates of the cell).
  public func parameterCount(wordCount: Int, characterCount: Int, tagCount: Int) -> Int? {
    guard sizeProblem == nil, let gates = cellKind?.gateCount else { return nil }
    var total = Checked(0)
    total = total + Checked(wordCount) * wordEmbeddingSize
    if usesCharacters {
      total = total + Checked(characterCount) * characterEmbeddingSize
      total =
        total + Checked(2) * CellKind.lstm.gateCount * characterHiddenSize
        * Checked(characterEmbeddingSize + characterHiddenSize + 2).value
    }
    if usesAffixes {
      total =
        total + Checked(affixBuckets ?? Self.defaultAffixBuckets) * (affixEmbeddingSize ?? 0)
        + (Checked(AffixEncoder.shapeBuckets) * (shapeEmbeddingSize ?? 0)).value
    }
    let stackInput = Checked(characterHiddenSize) * 2 + (wordEmbeddingSize + affixOutputSize)
    for layer in 0..<min(layerCount, 2) {
      let input = layer == 0 ? stackInput : Checked(hiddenSize) * 2
      let perLayer = Checked(2) * gates * hiddenSize * (input + hiddenSize + 2).value
      total = total + (layer == 0 ? perLayer : perLayer * (layerCount - 1))
    }
    if usesResidual, let input = stackInput.value, input != 2 * hiddenSize {
      total = total + Checked(hiddenSize) * 2 * (input + 1)
    }
    total = total + Checked(tagCount) * (Checked(hiddenSize) * 2 + 1).value
    return total.value
  }
}

extension TaggerConfiguration {
  /// What is wrong with the affix settings, or nil.
  var affixProblem: String? {
    guard let size = affixEmbeddingSize, size != 0 else { return nil }
    if size < 0 { return "affix embedding size \(size) must not be negative" }
    let shape = shapeEmbeddingSize ?? 0
    if shape < 1 { return "shape embedding size \(shape) must be at least 1 with affixes" }
    let buckets = affixBuckets ?? Self.defaultAffixBuckets
    if !(3...(1 << 24)).contains(buckets) {
      return "affix buckets \(buckets) must be in 3...\(1 << 24)"
    }
    return nil
  }
}

/// An `Int` that turns into nil on overflow and stays nil (for size arithmetic on untrusted input).
private struct Checked {
  var value: Int?

  init(_ value: Int?) { self.value = value }

  static func * (lhs: Checked, rhs: Int?) -> Checked {
    guard let left = lhs.value, let rhs, left >= 0, rhs >= 0 else { return Checked(nil) }
    let (product, overflow) = left.multipliedReportingOverflow(by: rhs)
    return Checked(overflow ? nil : product)
  }

  static func + (lhs: Checked, rhs: Int?) -> Checked {
    guard let left = lhs.value, let rhs else { return Checked(nil) }
    let (sum, overflow) = left.addingReportingOverflow(rhs)
    return Checked(overflow ? nil : sum)
  }

  static func + (lhs: Checked, rhs: Checked) -> Checked { lhs + rhs.value }
}
