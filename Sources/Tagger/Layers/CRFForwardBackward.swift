import Foundation

/// The forward-backward algorithm of a linear-chain CRF over a padded batch, in log space.
///
/// T = longest sentence, B = sentences, C = tags; emissions are `[T·B, C]` in the `SequenceBatch`
/// layout, row `t·B + b`. With `A` = transitions:
///
/// - forward: `α₀[j] = start[j] + e₀[j]`, `αₜ[j] = logsumexpᵢ(αₜ₋₁[i] + A[i, j]) + eₜ[j]`,
///   `log Z = logsumexpⱼ(α_{L−1}[j] + end[j])` for a sentence of length L;
/// - backward: `β_{L−1}[i] = end[i]`, `βₜ[i] = logsumexpⱼ(A[i, j] + eₜ₊₁[j] + βₜ₊₁[j])`;
/// - marginals `p(yₜ = j) = exp(αₜ[j] + βₜ[j] − log Z)` and pair marginals
///   `p(yₜ₋₁ = i, yₜ = j) = exp(αₜ₋₁[i] + A[i, j] + eₜ[j] + βₜ[j] − log Z)`.
///
/// Each step runs over every sentence still running at that step. Every `logsumexp` subtracts the
/// maximum before `exp` and multiplies by `exp(A)`, so a step costs C² multiply-adds and C `exp`s;
/// `-∞` scores (forbidden moves) give probability 0. A sentence with no allowed path has
/// `log Z = -∞` and zero marginals.
struct CRFForwardBackward {
  /// `log Z` of each sentence (0 for an empty one).
  var logPartitions: [Double]
  /// `[T·B, C]` row-major: each word's tag marginals (zero on padding rows).
  var marginals: [Double]
  /// `[C, C]`: pair marginals summed over every word pair of the batch (when computed).
  var expectedTransitions: [Double]
  /// Marginals of the first word summed over the batch.
  var expectedStart: [Double]
  /// Marginals of the last word summed over the batch.
  var expectedEnd: [Double]

  /// Runs forward-backward on `emissions` (`[T·B, C]` row-major) in `lattice`.
  ///
  /// - Parameter computesTransitions: also sum the pair marginals (training needs them).
  init(emissions: [Double], batch: SequenceBatch, lattice: TagLattice, computesTransitions: Bool) {
    let tagCount = lattice.tagCount
    let width = batch.batchSize
    precondition(emissions.count == batch.rowCount * tagCount, "CRFForwardBackward: emissions")
    let expTransitions = lattice.transitions.map { Foundation.exp($0) }
    var alpha = [Double](repeating: -.infinity, count: emissions.count)
    var beta = [Double](repeating: -.infinity, count: emissions.count)
    var logZ = [Double](repeating: 0, count: width)
    for step in 0..<batch.maxLength {
      for b in 0..<width where step < batch.lengths[b] {
        let row = (step * width + b) * tagCount
        if step == 0 {
          for tag in 0..<tagCount { alpha[row + tag] = lattice.start[tag] + emissions[row + tag] }
        } else {
          Self.propagate(
            alpha, from: row - width * tagCount, through: expTransitions,
            logA: lattice.transitions, forward: true,
            into: &alpha, at: row, count: tagCount)
          for tag in 0..<tagCount { alpha[row + tag] += emissions[row + tag] }
        }
        if step == batch.lengths[b] - 1 {
          logZ[b] = Self.logSumExp((0..<tagCount).map { alpha[row + $0] + lattice.end[$0] })
        }
      }
    }
    var weighted = [Double](repeating: -.infinity, count: emissions.count)  // eₜ + βₜ
    for step in stride(from: batch.maxLength - 1, through: 0, by: -1) {
      for b in 0..<width where step < batch.lengths[b] {
        let row = (step * width + b) * tagCount
        if step == batch.lengths[b] - 1 {
          for tag in 0..<tagCount { beta[row + tag] = lattice.end[tag] }
        } else {
          Self.propagate(
            weighted, from: row + width * tagCount, through: expTransitions,
            logA: lattice.transitions, forward: false,
            into: &beta, at: row, count: tagCount)
        }
        for tag in 0..<tagCount { weighted[row + tag] = emissions[row + tag] + beta[row + tag] }
      }
    }
    var marginals = [Double](repeating: 0, count: emissions.count)
    var expectedStart = [Double](repeating: 0, count: tagCount)
    var expectedEnd = [Double](repeating: 0, count: tagCount)
    var expectedTransitions = [Double](repeating: 0, count: tagCount * tagCount)
    for b in 0..<width where batch.lengths[b] > 0 && logZ[b] > -.infinity {
      for step in 0..<batch.lengths[b] {
        let row = (step * width + b) * tagCount
        for tag in 0..<tagCount {
          let value = Foundation.exp(alpha[row + tag] + beta[row + tag] - logZ[b])
          marginals[row + tag] = value
          if step == 0 { expectedStart[tag] += value }
          if step == batch.lengths[b] - 1 { expectedEnd[tag] += value }
        }
        guard computesTransitions, step > 0 else { continue }
        let previous = row - width * tagCount
        for from in 0..<tagCount {
          let left = alpha[previous + from] - logZ[b]
          for to in 0..<tagCount {
            expectedTransitions[from * tagCount + to] += Foundation.exp(
              left + lattice.transitions[from * tagCount + to] + weighted[row + to])
          }
        }
      }
    }
    logPartitions = logZ
    self.marginals = marginals
    self.expectedTransitions = expectedTransitions
    self.expectedStart = expectedStart
    self.expectedEnd = expectedEnd
  }

  /// One step of either recursion, written into `output[at..<at+C]`:
  /// forward `out[j] = logsumexpᵢ(v[i] + A[i, j])`, backward `out[i] = logsumexpⱼ(A[i, j] + v[j])`,
  /// where v is `values[from..<from+C]` and `expA = exp(A)`. Where `exp(A)` under- or overflows
  /// (scores divided by a tiny temperature: transitions of a thousand and more), that output is
  /// summed in log space from `A` itself, so a sentence with a path never gets `-∞` or `+∞`.
  static func propagate(
    _ values: [Double], from: Int, through expA: [Double], logA: [Double], forward: Bool,
    into output: inout [Double], at: Int, count: Int
  ) {
    var maximum = -Double.infinity
    for index in 0..<count { maximum = max(maximum, values[from + index]) }
    guard maximum > -.infinity else {
      for index in 0..<count { output[at + index] = -.infinity }
      return
    }
    let scaled = (0..<count).map { Foundation.exp(values[from + $0] - maximum) }
    for out in 0..<count {
      var sum = 0.0
      for inner in 0..<count {
        let a = forward ? expA[inner * count + out] : expA[out * count + inner]
        sum += scaled[inner] * a
      }
      if sum > 0 && sum.isFinite {
        output[at + out] = maximum + Foundation.log(sum)
      } else {
        output[at + out] = logSumExp(
          (0..<count).map { inner in
            values[from + inner] + (forward ? logA[inner * count + out] : logA[out * count + inner])
          })
      }
    }
  }

  /// `log Σ exp(values)`, `-∞` for no values or all `-∞`.
  static func logSumExp(_ values: [Double]) -> Double {
    guard let maximum = values.max(), maximum > -.infinity else { return -.infinity }
    return maximum + Foundation.log(values.reduce(0) { $0 + Foundation.exp($1 - maximum) })
  }
}
