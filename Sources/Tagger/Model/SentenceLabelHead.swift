/// The sentence-label head: one vector per sentence from the recurrent stack, dropout, and a
/// softmax classifier over the labels.
///
/// T = longest sentence, B = sentences, H = hidden size per direction, K = labels. The stack's
/// top-layer output is `[T·B, 2H]` in the padded layout of `SequenceBatch`; its final states are
/// `[B, H]` per direction. Pooling gives `[B, 2H]` (see `SentencePooling`), the classifier
/// `[K, 2H]` gives logits `[B, K]`. Padded steps never enter a result, so a sentence gets the same
/// logits alone as in any batch. An empty sentence pools to zeros.
public struct SentenceLabelHead: ParameterContainer, Sendable, Equatable {
  /// The classifier `[K, 2H]`.
  public var classifier: Linear
  /// How the sentence vector is read from the stack.
  public var pooling: SentencePooling

  /// A seeded head for `labelCount` labels over a stack of hidden size `hiddenSize`.
  public init(
    hiddenSize: Int, labelCount: Int, pooling: SentencePooling, using rng: inout SplitMix64
  ) {
    classifier = Linear(inputSize: 2 * hiddenSize, outputSize: labelCount, using: &rng)
    self.pooling = pooling
  }

  /// `"classifier.weight"`, `"classifier.bias"`.
  public var parameterPaths: [(name: String, path: WritableKeyPath<SentenceLabelHead, Matrix>)] {
    prefixedPaths("classifier", \.classifier)
  }

  /// What `backward` needs from `forward`.
  struct Cache {
    var batch: SequenceBatch
    /// The classifier's input (pooled, after dropout), `[B, 2H]`.
    var classifierInput: Matrix
    var dropoutMask: Matrix?
    /// For max pooling: the stack-output row that won each element of `[B, 2H]` (-1: none).
    var winningRows: [Int]
  }

  /// The label logits `[B, K]` of a batch.
  ///
  /// - Parameters:
  ///   - stackOutput: The top layer's output `[T·B, 2H]`.
  ///   - finalStates: The top layer's final states, forward then backward, `[B, H]` each.
  ///   - batch: The layout.
  ///   - dropout: Dropout on the sentence vectors (rate 0 for inference).
  func forward(
    stackOutput: Matrix, finalStates: (forward: Matrix, backward: Matrix), batch: SequenceBatch,
    dropout: Dropout, isTraining: Bool, using rng: inout SplitMix64
  ) -> (logits: Matrix, cache: Cache) {
    let (pooled, winningRows) = pool(stackOutput, finalStates: finalStates, batch: batch)
    let (input, mask) = dropout.forward(pooled, isTraining: isTraining, using: &rng)
    let cache = Cache(
      batch: batch, classifierInput: input, dropoutMask: mask, winningRows: winningRows)
    return (classifier.forward(input), cache)
  }

  /// Back-propagates `dLogits` `[B, K]` into `gradients`.
  ///
  /// - Returns: the gradient on the stack output `[T·B, 2H]` (max and mean pooling) or on the
  ///   top layer's final states, forward then backward `[B, H]` each (last-state pooling).
  func backward(_ dLogits: Matrix, cache: Cache, into gradients: inout SentenceLabelHead) -> (
    dStackOutput: Matrix?, dFinalStates: (forward: Matrix, backward: Matrix)?
  ) {
    let dInput = classifier.backward(
      dLogits, input: cache.classifierInput, into: &gradients.classifier)
    let dPooled = Dropout(rate: 0).backward(dInput, mask: cache.dropoutMask)
    let size = dPooled.columns / 2
    switch pooling {
    case .last:
      return (nil, (dPooled.columns(0..<size), dPooled.columns(size..<2 * size)))
    case .max, .mean:
      return (unpool(dPooled, cache: cache), nil)
    }
  }

  /// The sentence vectors `[B, 2H]` and, for max pooling, the winning row of each element.
  func pool(
    _ stackOutput: Matrix, finalStates: (forward: Matrix, backward: Matrix), batch: SequenceBatch
  ) -> (Matrix, [Int]) {
    if pooling == .last {
      return (Matrix.concatenatingColumns(finalStates.forward, finalStates.backward), [])
    }
    let width = stackOutput.columns
    let sentences = batch.batchSize
    var pooled = Matrix(rows: sentences, columns: width)
    var winners = [Int](repeating: -1, count: pooling == .max ? sentences * width : 0)
    for b in 0..<sentences where batch.lengths[b] > 0 {
      let length = batch.lengths[b]
      for column in 0..<width {
        var value: Float = pooling == .max ? -.infinity : 0
        var winner = -1
        for step in 0..<length {
          let row = step * sentences + b
          let element = stackOutput[row, column]
          if pooling == .mean {
            value += element
          } else if element > value {
            value = element
            winner = row
          }
        }
        pooled[b, column] = pooling == .mean ? value / Float(length) : value
        if pooling == .max { winners[b * width + column] = winner }
      }
    }
    return (pooled, winners)
  }

  /// Spreads `dPooled` `[B, 2H]` back over the stack output's rows `[T·B, 2H]`.
  private func unpool(_ dPooled: Matrix, cache: Cache) -> Matrix {
    let batch = cache.batch
    let width = dPooled.columns
    var dOutput = Matrix(rows: batch.rowCount, columns: width)
    for b in 0..<batch.batchSize where batch.lengths[b] > 0 {
      for column in 0..<width {
        let gradient = dPooled[b, column]
        if pooling == .max {
          let row = cache.winningRows[b * width + column]
          if row >= 0 { dOutput[row, column] += gradient }
        } else {
          let share = gradient / Float(batch.lengths[b])
          for step in 0..<batch.lengths[b] { dOutput[step * batch.batchSize + b, column] += share }
        }
      }
    }
    return dOutput
  }
}
