import CTaggerKernels
import Testing

@testable import Tagger

@Suite struct DropoutTests {
  @Test(arguments: [(Float(0), true), (Float(0.5), false)])
  func isIdentityWhenInactive(rate: Float, isTraining: Bool) {
    var rng = SplitMix64(seed: 9)
    let x = randomMatrix(rows: 3, columns: 4, using: &rng)
    let before = rng
    let (output, mask) = Dropout(rate: rate).forward(x, isTraining: isTraining, using: &rng)
    #expect(output == x)
    #expect(mask == nil)
    #expect(rng == before, "an inactive dropout draws no random numbers")
    let dOutput = randomMatrix(rows: 3, columns: 4, using: &rng)
    #expect(Dropout(rate: rate).backward(dOutput, mask: nil) == dOutput)
  }

  @Test(arguments: [Float(0.1), 0.3, 0.5])
  func maskDropsAboutRateAndRescalesSurvivors(rate: Float) {
    var rng = SplitMix64(seed: 10)
    let x = Matrix(rows: 200, columns: 50, repeating: 1)
    let (output, mask) = Dropout(rate: rate).forward(x, isTraining: true, using: &rng)
    let keptScale = 1 / (1 - rate)
    let maskValues = mask?.elements ?? []
    #expect(maskValues.count == 10_000)
    #expect(maskValues.allSatisfy { $0 == 0 || $0 == keptScale })
    let dropped = Float(maskValues.filter { $0 == 0 }.count) / 10_000
    #expect(abs(dropped - rate) < 0.03, "dropped fraction \(dropped) for rate \(rate)")
    let mean = output.elements.reduce(0, +) / 10_000
    #expect(abs(mean - 1) < 0.06, "inverted dropout keeps the mean: \(mean)")
    #expect(output.elements == maskValues, "output is x ⊙ mask")
  }

  /// The bulk mask kernels (`tk_dropout_mask*`, every level this CPU has) give the mask and the
  /// generator state that drawing one number per element gives.
  @Test(arguments: [0, 1, 7, 8, 17, 1_000, 4_099])
  func bulkMasksEqualDrawsOneAtATime(count: Int) {
    for rate: Float in [0.25, 0.33, 0.5, 0.9] {
      var reference = SplitMix64(seed: UInt64(count) &* 31 &+ 5)
      let start = reference
      let kept = 1 / (1 - rate)
      let expected = (0..<count).map { _ in reference.nextFloat(in: 0, 1) >= rate ? kept : 0 }
      var rng = start
      let mask = Dropout.mask(rows: 1, columns: count, rate: rate, using: &rng)
      #expect(mask.storage == expected, "rate \(rate), \(count) elements")
      #expect(rng == reference, "the state after the mask")
      for level in CellKernelLevel.allCases where level.isSupported {
        var values = [Float](repeating: -1, count: count)
        values.withUnsafeMutableBufferPointer { buffer in
          guard let base = buffer.baseAddress else { return }
          switch level {
          case .avx512: tk_dropout_mask_avx512(start.state, count, rate, kept, base)
          case .avx2: tk_dropout_mask_avx2(start.state, count, rate, kept, base)
          case .portable: tk_dropout_mask(start.state, count, rate, kept, base)
          }
        }
        #expect(values == expected, "\(level), rate \(rate), \(count) elements")
      }
    }
  }

  @Test(arguments: [(1, 1), (3, 5), (7, 2)])
  func gradientMatchesFiniteDifferencesWithFixedMask(rows: Int, columns: Int) {
    var rng = SplitMix64(seed: UInt64(rows * 10 + columns))
    let dropout = Dropout(rate: 0.4)
    let x = randomMatrix(rows: rows, columns: columns, using: &rng)
    let weights = randomMatrix(rows: rows, columns: columns, using: &rng)
    let seed = rng.next()
    func forward(_ input: Matrix) -> (output: Matrix, mask: Matrix?) {
      var maskRNG = SplitMix64(seed: seed)
      return dropout.forward(input, isTraining: true, using: &maskRNG)
    }
    let (output, mask) = forward(x)
    let dInput = dropout.backward(lossGradient(of: output, weights: weights), mask: mask)
    expectGradientsMatch(GradientProbe(value: x), gradients: GradientProbe(value: dInput)) {
      weightedLoss(forward($0.value).output, weights: weights)
    }
  }
}
