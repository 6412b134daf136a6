import Testing

@testable import Tagger

/// Padding never changes a result or a gradient, and the concurrent mode is bit-identical to the
/// sequential one.
@Suite struct RecurrentPaddingTests {
  /// Unsorted lengths with an empty sequence; padded input rows hold large garbage.
  static let batch = SequenceBatch(lengths: [3, 5, 0, 1, 4])

  static func inputs(kind: CellKind) -> (BidirectionalStack, Matrix, Matrix) {
    var rng = SplitMix64(seed: 21)
    let stack = BidirectionalStack(
      kind: kind, inputSize: 3, hiddenSize: 5, layerCount: 2, using: &rng)
    var x = Matrix.random(rows: batch.rowCount, columns: 3, using: &rng)
    let dOutput = Matrix.random(rows: batch.rowCount, columns: 10, using: &rng)
    for step in 0..<batch.maxLength {
      for b in 0..<batch.batchSize where step >= batch.lengths[b] {
        for column in 0..<3 { x[step * batch.batchSize + b, column] = 1000 }
      }
    }
    return (stack, x, dOutput)
  }

  /// Rows `t·B + b` for `t < lengths[b]` of a `[T·B, W]` matrix, as a `[lengths[b], W]` matrix.
  static func sequence(_ b: Int, of matrix: Matrix) -> Matrix {
    let rows = (0..<batch.lengths[b]).map { Optional($0 * batch.batchSize + b) }
    return matrix.gatheringRows(rows)
  }

  @Test(arguments: CellKind.allCases)
  func paddedBatchMatchesEachSequenceAlone(kind: CellKind) {
    let (stack, x, dOutput) = Self.inputs(kind: kind)
    var rng = SplitMix64(seed: 0)
    let (output, finalHidden, cache) = stack.forward(x, batch: Self.batch, using: &rng)
    var gradients = stack.zeroedCopy()
    let dx = stack.backward(dOutput, dFinalHidden: finalHidden, cache: cache, into: &gradients)
    var summed = stack.zeroedCopy()
    for b in 0..<Self.batch.batchSize {
      let alone = SequenceBatch(lengths: [Self.batch.lengths[b]])
      let run = stack.forward(Self.sequence(b, of: x), batch: alone, using: &rng)
      expectClose(run.output.elements, Self.sequence(b, of: output).elements, "output of \(b)")
      for (state, batchState) in zip(run.finalHidden, finalHidden) {
        expectClose(state.elements, batchState.row(b), "final state of \(b)")
      }
      let dAlone = stack.backward(
        Self.sequence(b, of: dOutput), dFinalHidden: run.finalHidden, cache: run.cache,
        into: &summed)
      expectClose(dAlone.elements, Self.sequence(b, of: dx).elements, "dx of \(b)")
    }
    for (entry, reference) in zip(gradients.namedParameters, summed.namedParameters) {
      expectClose(entry.value.elements, reference.value.elements, "\(kind) \(entry.name)")
    }
    for step in 0..<Self.batch.maxLength {
      for b in 0..<Self.batch.batchSize where step >= Self.batch.lengths[b] {
        #expect(output.row(step * Self.batch.batchSize + b).allSatisfy { $0 == 0 })
        #expect(dx.row(step * Self.batch.batchSize + b).allSatisfy { $0 == 0 })
      }
    }
  }

  /// Bit-identity is the property under test here, so `==` on computed values is intended.
  @Test(arguments: CellKind.allCases)
  func concurrentDirectionsAreBitIdentical(kind: CellKind) {
    var (stack, x, dOutput) = Self.inputs(kind: kind)
    func run(concurrently: Bool) -> (Matrix, [Matrix], Matrix, BidirectionalStack) {
      stack.runsDirectionsConcurrently = concurrently
      var rng = SplitMix64(seed: 9)
      let (output, finalHidden, cache) = stack.forward(
        x, batch: Self.batch, interLayerDropout: 0.25, using: &rng)
      var gradients = stack.zeroedCopy()
      let dx = stack.backward(dOutput, dFinalHidden: finalHidden, cache: cache, into: &gradients)
      return (output, finalHidden, dx, gradients)
    }
    let sequential = run(concurrently: false)
    let concurrent = run(concurrently: true)
    #expect(sequential.0 == concurrent.0)
    #expect(sequential.1 == concurrent.1)
    #expect(sequential.2 == concurrent.2)
    #expect(sequential.3.namedParameters.map(\.value) == concurrent.3.namedParameters.map(\.value))
  }
}
