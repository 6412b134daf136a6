import Testing

@testable import Tagger

/// Shapes, names and initialisation of the recurrent layers.
@Suite struct RecurrentLayerTests {
  @Test(arguments: CellKind.allCases)
  func initialisationFollowsPyTorch(kind: CellKind) {
    var rng = SplitMix64(seed: 3)
    let layer = RecurrentLayer(kind: kind, inputSize: 6, hiddenSize: 16, using: &rng)
    let gateRows = kind.gateCount * 16
    #expect(layer.wx.shape == [gateRows, 6])
    #expect(layer.wh.shape == [gateRows, 16])
    #expect(layer.bx.shape == [1, gateRows])
    #expect(layer.bh.shape == [1, gateRows])
    let bound: Float = 0.25
    let forgetGate = kind == .lstm ? 16..<32 : 0..<0
    for entry in layer.namedParameters {
      for (index, value) in entry.value.elements.enumerated()
      where !(entry.name.hasPrefix("b") && forgetGate.contains(index)) {
        #expect(abs(value) <= bound, "\(entry.name)[\(index)] = \(value)")
      }
    }
    for unit in forgetGate { #expect(layer.bx[0, unit] + layer.bh[0, unit] == 1) }
    #expect(Set(layer.wx.elements).count > gateRows * 6 / 2, "weights are not random")
  }

  @Test func stackNamesEveryParameterInPyTorchOrder() {
    var rng = SplitMix64(seed: 1)
    let stack = BidirectionalStack(
      kind: .gru, inputSize: 5, hiddenSize: 4, layerCount: 2, using: &rng)
    let names = stack.namedParameters.map(\.name)
    #expect(names.count == 16)
    #expect(
      names.prefix(5) == [
        "layers.0.forward.wx", "layers.0.forward.wh", "layers.0.forward.bx",
        "layers.0.forward.bh", "layers.0.backward.wx",
      ])
    #expect(names.last == "layers.1.backward.bh")
    let shapes = Dictionary(
      uniqueKeysWithValues: stack.namedParameters.map { ($0.name, $0.value.shape) })
    #expect(shapes["layers.0.backward.wx"] == [12, 5])
    #expect(shapes["layers.1.forward.wx"] == [12, 8])
    #expect(shapes["layers.1.backward.wh"] == [12, 4])
    #expect(stack.parameterCount == 2 * (12 * 5 + 12 * 4 + 24) + 2 * (12 * 8 + 12 * 4 + 24))
  }

  @Test func sequenceBatchFindsTheRunningSequencesOfEachStep() {
    let batch = SequenceBatch(lengths: [2, 0, 4, 1])
    #expect(batch.maxLength == 4)
    #expect(batch.rowCount == 16)
    #expect(batch.activeRanges == [0..<4, 0..<3, 2..<3, 2..<3])
    #expect(batch.finalRows(reversed: false) == [4, nil, 14, 3])
    #expect(batch.finalRows(reversed: true) == [0, nil, 2, 3])
    let reversedSteps = batch.stepLayouts(reversed: true)
    #expect(reversedSteps.map(\.step) == [3, 2, 1, 0])
    #expect(reversedSteps.map(\.previousStep) == [nil, 3, 2, 1])
  }
}

/// Shape mismatches are programmer errors: they stop the process with a message naming both
/// shapes.
@Suite struct RecurrentPreconditionTests {
  @Test func forwardRejectsAnInputOfTheWrongWidth() async {
    await #expect(processExitsWith: .failure) {
      var rng = SplitMix64(seed: 1)
      let layer = RecurrentLayer(kind: .lstm, inputSize: 3, hiddenSize: 2, using: &rng)
      _ = layer.forward(
        Matrix(rows: 4, columns: 5), batch: SequenceBatch(lengths: [2, 2]), reversed: false)
    }
  }

  @Test func stackBackwardRejectsAGradientOfTheWrongShape() async {
    await #expect(processExitsWith: .failure) {
      var rng = SplitMix64(seed: 1)
      let stack = BidirectionalStack(
        kind: .gru, inputSize: 3, hiddenSize: 2, layerCount: 1, using: &rng)
      let batch = SequenceBatch(lengths: [2])
      let (_, _, cache) = stack.forward(Matrix(rows: 2, columns: 3), batch: batch, using: &rng)
      var gradients = stack.zeroedCopy()
      _ = stack.backward(Matrix(rows: 2, columns: 2), cache: cache, into: &gradients)
    }
  }
}
