/// A linear-chain conditional random field over per-word tag scores.
///
/// C = tags. `transitions` is `[C, C]` (row = previous tag, column = next tag), `start` and `end`
/// are `[1, C]`. With emissions `e` (`[T, C]`, the network's logits) a tag sequence y scores
/// `s(y) = start[y₀] + Σₜ e[t, yₜ] + Σₜ₌₁ transitions[yₜ₋₁, yₜ] + end[y_{T−1}]` and has probability
/// `exp(s(y)) / Z`, where `log Z = logsumexp_y s(y)` comes from the forward algorithm
/// (Lafferty et al. 2001; Lample et al. 2016 for the BiLSTM-CRF tagger). The same layout as
/// PyTorch tutorials' `BiLSTM_CRF` and `torchcrf.CRF` (`transitions[i, j]`: from i to j).
public struct CRF: ParameterContainer, Sendable, Equatable {
  /// Transition scores `[C, C]`: row = previous tag, column = next tag.
  public var transitions: Matrix
  /// Scores of the first tag, `[1, C]`.
  public var start: Matrix
  /// Scores of the last tag, `[1, C]`.
  public var end: Matrix

  /// A CRF whose scores are all zero: before training, only the emissions decide.
  public init(tagCount: Int) {
    precondition(tagCount >= 1, "CRF: \(tagCount) tags")
    transitions = Matrix(rows: tagCount, columns: tagCount)
    start = Matrix(rows: 1, columns: tagCount)
    end = Matrix(rows: 1, columns: tagCount)
  }

  /// C, the number of tags.
  public var tagCount: Int { start.columns }

  /// The named parameters: `"transitions"`, `"start"`, `"end"`.
  public var parameterPaths: [(name: String, path: WritableKeyPath<CRF, Matrix>)] {
    [
      (name: "transitions", path: \.transitions), (name: "start", path: \.start),
      (name: "end", path: \.end),
    ]
  }

  /// The CRF's scores as a lattice, multiplied by `scale` (the inverse temperature).
  public func lattice(scale: Double = 1) -> TagLattice {
    TagLattice(
      transitions: transitions.storage.map { Double($0) * scale },
      start: start.storage.map { Double($0) * scale }, end: end.storage.map { Double($0) * scale })
  }

  /// The negative log-likelihood of the gold tags of a padded batch, and its gradient.
  ///
  /// `loss = Σ_b (log Z_b − s_b(y_b))`. The gradient of the **mean** loss per token (`loss /
  /// count`, the scale `SoftmaxCrossEntropy` uses) is `(marginal − onehot(y)) / count` for the
  /// emissions, and expected minus gold transition, start and end counts, over `count`, for the
  /// CRF's parameters, which are added into `gradients`.
  ///
  /// - Parameters:
  ///   - emissions: `[T·B, C]` in the `SequenceBatch` layout; padding rows are ignored.
  ///   - batch: the sentence lengths.
  ///   - targets: T·B gold tag ids (`-1` on padding rows).
  /// - Returns: the summed loss, the number of tokens and `dEmissions` (`[T·B, C]`).
  public func lossAndGradient(
    emissions: Matrix, batch: SequenceBatch, targets: [Int], into gradients: inout CRF
  ) -> (loss: Double, count: Int, dEmissions: Matrix) {
    precondition(
      emissions.rows == batch.rowCount && emissions.columns == tagCount
        && targets.count == emissions.rows,
      "CRF.lossAndGradient: emissions [\(emissions.rows)×\(emissions.columns)], "
        + "\(targets.count) targets, \(batch.rowCount) rows, \(tagCount) tags")
    let width = batch.batchSize
    let lattice = lattice()
    let scores = emissions.storage.map(Double.init)
    let result = CRFForwardBackward(
      emissions: scores, batch: batch, lattice: lattice, computesTransitions: true)
    let count = batch.lengths.reduce(0, +)
    var dEmissions = Matrix(rows: emissions.rows, columns: tagCount)
    guard count > 0 else { return (0, 0, dEmissions) }
    let inverseCount = 1 / Double(count)
    var loss = 0.0
    var goldTransitions = [Double](repeating: 0, count: tagCount * tagCount)
    var goldStart = [Double](repeating: 0, count: tagCount)
    var goldEnd = [Double](repeating: 0, count: tagCount)
    for (b, length) in batch.lengths.enumerated() where length > 0 {
      let path = (0..<length).map { targets[$0 * width + b] }
      precondition(path.allSatisfy { (0..<tagCount).contains($0) }, "CRF: target out of range")
      loss += result.logPartitions[b] - lattice.score(of: path, emissions: rows(scores, b, batch))
      goldStart[path[0]] += 1
      goldEnd[path[length - 1]] += 1
      for step in 1..<max(length, 1) {
        goldTransitions[path[step - 1] * tagCount + path[step]] += 1
      }
    }
    for row in 0..<emissions.rows where targets[row] >= 0 {
      for tag in 0..<tagCount {
        let gold: Double = targets[row] == tag ? 1 : 0
        dEmissions.storage[row * tagCount + tag] = Float(
          (result.marginals[row * tagCount + tag] - gold) * inverseCount)
      }
    }
    for index in goldTransitions.indices {
      gradients.transitions.storage[index] += Float(
        (result.expectedTransitions[index] - goldTransitions[index]) * inverseCount)
    }
    for tag in 0..<tagCount {
      gradients.start.storage[tag] += Float(
        (result.expectedStart[tag] - goldStart[tag]) * inverseCount)
      gradients.end.storage[tag] += Float((result.expectedEnd[tag] - goldEnd[tag]) * inverseCount)
    }
    return (loss, count, dEmissions)
  }

  /// The emission rows of sentence `b`, `[length, C]`, out of a `[T·B, C]` batch.
  func rows(_ scores: [Double], _ b: Int, _ batch: SequenceBatch) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(batch.lengths[b] * tagCount)
    for step in 0..<batch.lengths[b] {
      let offset = (step * batch.batchSize + b) * tagCount
      result += scores[offset..<offset + tagCount]
    }
    return result
  }
}
