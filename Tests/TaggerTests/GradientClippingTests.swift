import Testing

@testable import Tagger

/// Two gradient tensors of the `clip_grad_norm` golden entry: `[3, 4]` and `[1, 5]`.
private struct TwoParameters: ParameterContainer, Equatable {
  var first: Matrix
  var second: Matrix

  var parameterPaths: [(name: String, path: WritableKeyPath<TwoParameters, Matrix>)] {
    [(name: "first", path: \.first), (name: "second", path: \.second)]
  }
}

@Suite struct GradientClippingTests {
  @Test func matchesPyTorch() throws {
    let golden = try OptimizerGolden.entry("clip_grad_norm")
    let grads = try #require(golden["grads"] as? [Any])
    let clipped = try #require(golden["clipped"] as? [Any])
    #expect(grads.count == 2 && clipped.count == 2)
    var gradients = TwoParameters(
      first: Matrix(rows: 3, columns: 4, storage: try OptimizerGolden.floats(grads[0])),
      second: Matrix(rows: 1, columns: 5, storage: try OptimizerGolden.floats(grads[1])))
    let maxNorm = try #require(golden["max_norm"] as? Double)
    let totalNorm = try #require(golden["total_norm"] as? Double)
    let norm = clipGradientNorm(&gradients, maxNorm: Float(maxNorm))
    expectClose(norm, Float(totalNorm))
    expectClose(gradients.first.elements, try OptimizerGolden.floats(clipped[0]))
    expectClose(gradients.second.elements, try OptimizerGolden.floats(clipped[1]))
    let clippedNorm = (gradients.first.sumOfSquares() + gradients.second.sumOfSquares())
      .squareRoot()
    #expect(abs(clippedNorm - maxNorm) < 1e-4)
  }

  @Test func leavesSmallGradientsUnchanged() {
    let original = TwoParameters(
      first: Matrix(rows: 1, columns: 2, storage: [3, 0]),
      second: Matrix(rows: 1, columns: 1, storage: [-4]))
    var gradients = original
    expectClose(clipGradientNorm(&gradients, maxNorm: 5), 5)
    #expect(gradients == original)
  }

  @Test func leavesNonFiniteGradientsUnchangedAndReportsThem() {
    let original = TwoParameters(
      first: Matrix(rows: 1, columns: 2, storage: [.nan, 1]),
      second: Matrix(rows: 1, columns: 1, storage: [2]))
    var gradients = original
    #expect(clipGradientNorm(&gradients, maxNorm: 1).isNaN)
    #expect(gradients.second == original.second)
    #expect(gradients.first[0, 1] == 1)
  }
}
