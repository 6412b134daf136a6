import Foundation
import Testing

@testable import Tagger

/// The SIMD8 polynomial functions against Foundation's double-precision ones.
///
/// Measured on 0.001-spaced grids (Float inputs, errors against the double-precision function of
/// the same input): `exp` on [-87, 88] at most 7.7e-8 relative; `sigmoid` on [-30, 30] 8.8e-8
/// absolute; `tanh` on [-20, 20] 6.2e-8 absolute and 1.1e-7 relative. The bounds below (1.5e-7,
/// 2e-7 for tanh's relative error) leave a little room above those figures.
@Suite struct VectorMathTests {
  /// The largest absolute and relative errors of `vectorFunction` against `reference` on a grid.
  static func errors(
    from lower: Double, to upper: Double, _ vectorFunction: (SIMD8<Float>) -> SIMD8<Float>,
    _ reference: (Double) -> Double
  ) -> (absolute: Double, relative: Double) {
    var worst = (absolute: 0.0, relative: 0.0)
    var x = lower
    while x <= upper {
      var lanes = SIMD8<Float>()
      for lane in 0..<8 { lanes[lane] = Float(min(upper, x + Double(lane) * 0.001)) }
      let values = vectorFunction(lanes)
      for lane in 0..<8 {
        let expected = reference(Double(lanes[lane]))
        let error = abs(Double(values[lane]) - expected)
        worst.absolute = max(worst.absolute, error)
        if expected != 0 { worst.relative = max(worst.relative, error / abs(expected)) }
      }
      x += 0.008
    }
    return worst
  }

  @Test func expMatchesFoundation() {
    let worst = Self.errors(from: -87, to: 88, VectorMath.exp, Foundation.exp)
    #expect(worst.relative <= 1.5e-7, "exp relative error \(worst.relative)")
  }

  @Test func sigmoidMatchesFoundation() {
    let worst = Self.errors(from: -30, to: 30, VectorMath.sigmoid) { 1 / (1 + Foundation.exp(-$0)) }
    #expect(worst.absolute <= 1.5e-7, "sigmoid absolute error \(worst.absolute)")
  }

  @Test func tanhMatchesFoundation() {
    let worst = Self.errors(from: -20, to: 20, VectorMath.tanh, Foundation.tanh)
    #expect(worst.absolute <= 1.5e-7, "tanh absolute error \(worst.absolute)")
    #expect(worst.relative <= 2e-7, "tanh relative error \(worst.relative)")
  }

  @Test func extremeInputsStayFiniteAndSaturate() {
    let x = SIMD8<Float>(-1e30, -200, -90, -0.0, 0, 90, 200, 1e30)
    let exp = VectorMath.exp(x)
    for lane in 0..<8 {
      #expect(exp[lane].isFinite && exp[lane] >= 0, "exp(\(x[lane])) = \(exp[lane])")
    }
    #expect(exp[7] > 1e38)
    let sigmoid = VectorMath.sigmoid(x)
    #expect(sigmoid[0] < 1e-37 && sigmoid[7] == 1 && sigmoid[4] == 0.5)
    let tanh = VectorMath.tanh(x)
    #expect(tanh[0] == -1 && tanh[1] == -1 && tanh[6] == 1 && tanh[7] == 1 && tanh[4] == 0)
  }

  @Test(arguments: [0, 1, 3, 7, 8, 11])
  func partialLoadsAndStoresTouchOnlyTheirLanes(count: Int) {
    let source = (0..<16).map { Float($0 + 1) }
    var target = [Float](repeating: -1, count: 16)
    source.withUnsafeBufferPointer { s in
      target.withUnsafeMutableBufferPointer { t in
        guard let s = s.baseAddress, let t = t.baseAddress else { return }
        let vector = VectorMath.load(s, count: count)
        for lane in 0..<8 { #expect(vector[lane] == (lane < count ? source[lane] : 0)) }
        VectorMath.store(vector * 2, to: t, count: count)
      }
    }
    for index in 0..<16 {
      #expect(target[index] == (index < min(count, 8) ? 2 * source[index] : -1))
    }
  }
}
