import Foundation

/// Row softmax, cross-entropy loss and argmax over logits.
///
/// N = rows (tokens), C = classes (tags); logits are `[N, C]`. Every softmax subtracts the row
/// maximum first, so logits of any magnitude (±1e4 and beyond) give finite results.
public enum SoftmaxCrossEntropy {
  /// The target id that marks a row to ignore (padding); any negative id is ignored.
  public static let ignoredTarget = -1

  /// Cross-entropy of `logits` against `targets`, and the gradient of the mean loss.
  ///
  /// `loss = Σ_counted (logsumexp(z_r) - z_r[t_r])`; rows whose target is negative contribute
  /// nothing to the loss, to `count` or to the gradient. With label smoothing ε the target of a
  /// row is the distribution `q_r = (1 - ε)·onehot(t_r) + ε/C` instead of the one-hot vector, and
  /// the row's loss is `-Σ_c q_r[c]·log softmax(z_r)[c] = logsumexp(z_r) - (1 - ε)·z_r[t_r] -
  /// ε·mean_c z_r[c]`.
  ///
  /// - Parameters:
  ///   - logits: z, `[N, C]`.
  ///   - targets: N class ids in `0..<C`, or negative for rows to ignore.
  ///   - smoothing: ε in `[0, 1)`; 0 (the default) is the plain cross-entropy.
  /// - Returns: The **summed** loss over counted rows (in `Double`, for running totals), the number
  ///   of counted rows, and `dLogits` (`[N, C]`), the gradient of the **mean** loss
  ///   `loss / count`: `(softmax(z_r) - q_r) / count` on counted rows, zero elsewhere.
  ///   With no counted row the loss is 0 and `dLogits` is zero.
  public static func lossAndGradient(logits: Matrix, targets: [Int], smoothing: Float = 0)
    -> (loss: Double, count: Int, dLogits: Matrix)
  {
    precondition(
      (0..<1).contains(smoothing), "lossAndGradient: label smoothing \(smoothing) not in [0, 1)")
    precondition(
      targets.count == logits.rows,
      "lossAndGradient: \(targets.count) targets for logits [\(logits.rows)×\(logits.columns)]")
    let classes = logits.columns
    let count = targets.reduce(0) { $1 >= 0 ? $0 + 1 : $0 }
    var dLogits = Matrix(rows: logits.rows, columns: classes)
    guard count > 0 else { return (0, 0, dLogits) }
    let inverseCount = 1 / Float(count)
    var loss: Double = 0
    for (row, target) in targets.enumerated() where target >= 0 {
      precondition(target < classes, "lossAndGradient: target \(target) with \(classes) classes")
      let offset = row &* classes
      let logSumExp = writeSoftmax(of: logits, row: row, inverseTemperature: 1, into: &dLogits)
      if smoothing == 0 {
        loss += logSumExp - Double(logits.storage[offset &+ target])
        dLogits.storage[offset &+ target] -= 1
      } else {
        var logitSum: Double = 0
        for column in 0..<classes { logitSum += Double(logits.storage[offset &+ column]) }
        loss +=
          logSumExp - Double(1 - smoothing) * Double(logits.storage[offset &+ target])
          - Double(smoothing) * logitSum / Double(classes)
        let share = smoothing / Float(classes)
        for column in 0..<classes { dLogits.storage[offset &+ column] -= share }
        dLogits.storage[offset &+ target] -= 1 - smoothing
      }
      for column in 0..<classes { dLogits.storage[offset &+ column] *= inverseCount }
    }
    return (loss, count, dLogits)
  }

  /// The row softmax of `logits / temperature`: `[N, C]`, each row sums to 1.
  ///
  /// - Parameter temperature: T > 0; above 1 flattens the distribution, below 1 sharpens it.
  public static func probabilities(_ logits: Matrix, temperature: Float = 1) -> Matrix {
    precondition(temperature > 0, "probabilities: temperature \(temperature) must be positive")
    var result = Matrix(rows: logits.rows, columns: logits.columns)
    for row in 0..<logits.rows {
      _ = writeSoftmax(of: logits, row: row, inverseTemperature: 1 / temperature, into: &result)
    }
    return result
  }

  /// The index of the largest logit of each row (the first one on ties): N class ids.
  public static func argmax(_ logits: Matrix) -> [Int] {
    precondition(logits.columns > 0 || logits.rows == 0, "argmax: logits [\(logits.rows)×0]")
    var result = [Int](repeating: 0, count: logits.rows)
    for row in 0..<logits.rows {
      let offset = row &* logits.columns
      var best = 0
      for column in 1..<max(logits.columns, 1)
      where logits.storage[offset &+ column] > logits.storage[offset &+ best] {
        best = column
      }
      result[row] = best
    }
    return result
  }

  /// Writes `softmax(s · z_row)` into the same row of `result` and returns `logsumexp(s · z_row)` in `Double`.
  ///
  /// Subtracts the row maximum before `exp`, so no term overflows and the largest is exactly 1.
  private static func writeSoftmax(
    of logits: Matrix, row: Int, inverseTemperature scale: Float, into result: inout Matrix
  ) -> Double {
    let classes = logits.columns
    let offset = row &* classes
    var maximum = -Float.infinity
    for column in 0..<classes { maximum = max(maximum, scale * logits.storage[offset &+ column]) }
    var sum: Float = 0
    for column in 0..<classes {
      let value = exp(scale * logits.storage[offset &+ column] - maximum)
      result.storage[offset &+ column] = value
      sum += value
    }
    let inverseSum = 1 / sum
    for column in 0..<classes { result.storage[offset &+ column] *= inverseSum }
    return Double(maximum) + log(Double(sum))
  }
}
