import Testing

@testable import Tagger

/// Finite-difference checks of `RecurrentLayer.backward` and `BidirectionalStack.backward`.
///
/// The loss is `Σ hidden ⊙ W + Σ finalHidden ⊙ V (+ Σ finalCell ⊙ U)` with random weights, also on
/// padded rows (which must be ignored), summed in double precision; inputs are random on padded
/// rows too. Central differences with step 1e-2 in Float agree with the analytic gradients to
/// within 3e-4 here; the tolerance is 1e-3 absolute plus 1e-2 relative.
@Suite struct RecurrentGradientTests {
  /// Sequences of lengths `T`, `⌈T/2⌉` and 1, in an unsorted order.
  static func batch(sequenceLength: Int) -> SequenceBatch {
    SequenceBatch(lengths: [(sequenceLength + 1) / 2, sequenceLength, 1])
  }

  @Test(arguments: [1, 2, 7], [1, 3, 5])
  func layerGradientsMatchFiniteDifferences(hiddenSize: Int, sequenceLength: Int) {
    let batch = Self.batch(sequenceLength: sequenceLength)
    for kind in CellKind.allCases {
      for reversed in [false, true] {
        var rng = SplitMix64(seed: UInt64(100 * hiddenSize + sequenceLength))
        let layer = RecurrentLayer(kind: kind, inputSize: 3, hiddenSize: hiddenSize, using: &rng)
        let x = Matrix.random(rows: batch.rowCount, columns: 3, using: &rng)
        let dHidden = Matrix.random(rows: batch.rowCount, columns: hiddenSize, using: &rng)
        let dFinal = Matrix.random(rows: batch.batchSize, columns: hiddenSize, using: &rng)
        let dCell =
          kind == .lstm
          ? Matrix.random(rows: batch.batchSize, columns: hiddenSize, using: &rng) : nil
        func loss(_ layer: RecurrentLayer, _ x: Matrix) -> Double {
          let (hidden, cache) = layer.forward(x, batch: batch, reversed: reversed)
          let cellTerm = zip(cache.finalCell.map { [$0] } ?? [], dCell.map { [$0] } ?? [])
            .reduce(0) { $0 + dot($1.0, $1.1) }
          return dot(hidden, dHidden) + dot(cache.finalHidden, dFinal) + cellTerm
        }
        let cache = layer.forward(x, batch: batch, reversed: reversed).cache
        var gradients = layer.zeroedCopy()
        let dx = layer.backward(
          dHidden, dFinalHidden: dFinal, dFinalCell: dCell, cache: cache, into: &gradients)
        expectGradientsMatch(
          layer, input: x, analytic: gradients, analyticInput: dx,
          "\(kind) H\(hiddenSize) T\(sequenceLength) reversed \(reversed)", loss: loss)
        expectPaddedRowsAreZero(dx, batch: batch)
      }
    }
  }

  @Test(arguments: CellKind.allCases)
  func stackGradientsMatchFiniteDifferencesWithDropout(kind: CellKind) {
    var rng = SplitMix64(seed: 5)
    var stack = BidirectionalStack(
      kind: kind, inputSize: 2, hiddenSize: 3, layerCount: 2, using: &rng)
    stack.runsDirectionsConcurrently = true
    expectStackGradientsMatch(stack, "\(kind) stack")
  }
}
