/// Global L2-norm clipping over all parameters of `gradients`; returns the norm before clipping.
///
/// The norm is `sqrt(Σ g²)` over every element of every parameter, accumulated in `Double`. When it
/// exceeds `maxNorm`, every gradient is multiplied by `maxNorm / (norm + 1e-6)`, as PyTorch's
/// `clip_grad_norm_`. A non-finite norm (NaN or infinite gradients) leaves the gradients
/// unchanged; the caller sees it in the result and decides (skip the batch or stop).
///
/// - Parameters:
///   - gradients: The gradients, scaled in place.
///   - maxNorm: The largest allowed norm, positive.
/// - Returns: The total norm before clipping.
/// - Complexity: Two passes over the parameters when clipping, one otherwise.
@discardableResult
public func clipGradientNorm<Model: ParameterContainer>(_ gradients: inout Model, maxNorm: Float)
  -> Float
{
  precondition(maxNorm > 0, "clipGradientNorm: maxNorm \(maxNorm) must be positive")
  let paths = gradients.parameterPaths
  var sumOfSquares: Double = 0
  for entry in paths { sumOfSquares += gradients[keyPath: entry.path].sumOfSquares() }
  let norm = sumOfSquares.squareRoot()
  guard norm.isFinite, norm > Double(maxNorm) else { return Float(norm) }
  let factor = Float(Double(maxNorm) / (norm + 1e-6))
  gradients.updateParameters { $0.scale(by: factor) }
  return Float(norm)
}
