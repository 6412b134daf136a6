import Testing

@testable import Tagger

@Suite struct LinearTests {
  @Test func initialisationIsGlorotUniformWithZeroBias() {
    var rng = SplitMix64(seed: 5)
    let layer = Linear(inputSize: 30, outputSize: 20, using: &rng)
    let limit = (6 / Float(50)).squareRoot()
    #expect(layer.weight.shape == [20, 30])
    #expect(layer.bias.shape == [1, 20])
    #expect(layer.weight.elements.allSatisfy { abs($0) <= limit })
    #expect(layer.weight.elements.contains { abs($0) > 0.9 * limit }, "range is not used")
    #expect(layer.bias.elements.allSatisfy { $0 == 0 })
  }

  @Test func forwardIsAffine() {
    let layer = Linear(
      weight: Matrix(rows: 2, columns: 3, storage: [1, 2, 3, -1, 0, 1]),
      bias: Matrix(rows: 1, columns: 2, storage: [0.5, -2]))
    let x = Matrix(rows: 2, columns: 3, storage: [1, 1, 1, 2, 0, -1])
    let y = layer.forward(x)
    #expect(y.shape == [2, 2])
    expectClose(y.elements, [6.5, -2, -0.5, -5])
  }

  @Test(arguments: [(1, 1, 1), (3, 2, 5), (7, 5, 3)])
  func gradientMatchesFiniteDifferences(inputSize: Int, outputSize: Int, count: Int) {
    var rng = SplitMix64(seed: UInt64(inputSize * 31 + outputSize * 7 + count))
    var layer = Linear(inputSize: inputSize, outputSize: outputSize, using: &rng)
    layer.bias = randomMatrix(rows: 1, columns: outputSize, using: &rng)
    let x = randomMatrix(rows: count, columns: inputSize, using: &rng)
    let weights = randomMatrix(rows: count, columns: outputSize, using: &rng)
    var gradients = layer.zeroedCopy()
    let dOutput = lossGradient(of: layer.forward(x), weights: weights)
    let dInput = layer.backward(dOutput, input: x, into: &gradients)
    #expect(dInput.shape == [count, inputSize])
    expectGradientsMatch(layer, gradients: gradients) { candidate in
      weightedLoss(candidate.forward(x), weights: weights)
    }
    expectGradientsMatch(GradientProbe(value: x), gradients: GradientProbe(value: dInput)) {
      weightedLoss(layer.forward($0.value), weights: weights)
    }
  }

  @Test func backwardAccumulatesIntoGradients() {
    var rng = SplitMix64(seed: 6)
    let layer = Linear(inputSize: 3, outputSize: 2, using: &rng)
    let x = randomMatrix(rows: 4, columns: 3, using: &rng)
    let dOutput = randomMatrix(rows: 4, columns: 2, using: &rng)
    var once = layer.zeroedCopy()
    _ = layer.backward(dOutput, input: x, into: &once)
    var twice = layer.zeroedCopy()
    _ = layer.backward(dOutput, input: x, into: &twice)
    _ = layer.backward(dOutput, input: x, into: &twice)
    expectClose(twice.weight.elements, once.weight.elements.map { 2 * $0 })
    expectClose(twice.bias.elements, once.bias.elements.map { 2 * $0 })
  }
}
