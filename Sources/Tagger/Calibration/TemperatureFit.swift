import Foundation

/// Fits one softmax temperature by minimising a negative log-likelihood.
///
/// For a softmax, `NLL(β) = mean(logsumexp(β·z) − β·z_gold)` is convex in the inverse temperature
/// β (a log-sum-exp of linear functions minus a linear one), so it has one minimum; T = 1/β is a
/// monotone change of variable, so the NLL is unimodal in log T and golden-section search finds the
/// minimum (Guo et al. 2017 fit the same single parameter with L-BFGS).
enum TemperatureFit {
  /// The search interval of T.
  static let range: ClosedRange<Double> = 0.05...20

  /// The T in `range` that minimises `negativeLogLikelihood(T)`, to a relative precision of
  /// about 1e-6.
  static func minimising(_ negativeLogLikelihood: (Float) -> Double) -> Float {
    let ratio = (5.0.squareRoot() - 1) / 2
    var low = Foundation.log(range.lowerBound)
    var high = Foundation.log(range.upperBound)
    var left = high - ratio * (high - low)
    var right = low + ratio * (high - low)
    var leftValue = negativeLogLikelihood(Float(Foundation.exp(left)))
    var rightValue = negativeLogLikelihood(Float(Foundation.exp(right)))
    while high - low > 1e-6 {
      if leftValue <= rightValue {
        high = right
        right = left
        rightValue = leftValue
        left = high - ratio * (high - low)
        leftValue = negativeLogLikelihood(Float(Foundation.exp(left)))
      } else {
        low = left
        left = right
        leftValue = rightValue
        right = low + ratio * (high - low)
        rightValue = negativeLogLikelihood(Float(Foundation.exp(right)))
      }
    }
    return Float(Foundation.exp((low + high) / 2))
  }
}
