import Foundation
import Tagger

/// Throughput of a 2-layer bidirectional recurrent stack at the tagger's word-level sizes:
/// D = 200, H = 128 per direction, batches of 32 sentences with EWT-like lengths (mean ≈ 16,
/// max 60), bucketed by length so padding stays small; and one sentence at a time.
func runRecurrentBenchmarks() throws {
  let lengths = syntheticSentenceLengths(count: 1024, seed: 42)
  let sorted = lengths.sorted(by: >)
  let batches = stride(from: 0, to: sorted.count, by: 32).map {
    SequenceBatch(lengths: Array(sorted[$0..<min($0 + 32, sorted.count)]))
  }
  let singles = lengths.prefix(256).map { SequenceBatch(lengths: [$0]) }
  for kind in CellKind.allCases {
    var rng = SplitMix64(seed: 1)
    var stack = BidirectionalStack(
      kind: kind, inputSize: 200, hiddenSize: 128, layerCount: 2, using: &rng)
    let batchInputs = batches.map { randomMatrix(rows: $0.rowCount, columns: 200, using: &rng) }
    let singleInputs = singles.map { randomMatrix(rows: $0.rowCount, columns: 200, using: &rng) }
    for concurrent in [true, false] {
      stack.runsDirectionsConcurrently = concurrent
      let mode = concurrent ? "2thr" : "1thr"
      measureForward(stack, batches, batchInputs, "\(kind) fwd B=32 \(mode)")
      measureTraining(stack, batches, batchInputs, "\(kind) fwd+bwd B=32 \(mode)")
      measureForward(stack, singles, singleInputs, "\(kind) fwd B=1 \(mode)")
    }
  }
}

/// Sentence lengths drawn from 1 + Gamma(2, 7.5) (mean 16, long right tail), capped at 60.
private func syntheticSentenceLengths(count: Int, seed: UInt64) -> [Int] {
  var rng = SplitMix64(seed: seed)
  return (0..<count).map { _ in
    let u1 = Double(rng.nextFloat(in: 1e-6, 1))
    let u2 = Double(rng.nextFloat(in: 1e-6, 1))
    return min(60, 1 + Int(-log(u1 * u2) * 7.5))
  }
}

private func randomMatrix(rows: Int, columns: Int, using rng: inout SplitMix64) -> Matrix {
  Matrix(
    rows: rows, columns: columns,
    storage: (0..<rows * columns).map { _ in rng.nextFloat(in: -1, 1) })
}

private func measureForward(
  _ stack: BidirectionalStack, _ batches: [SequenceBatch], _ inputs: [Matrix], _ name: String
) {
  let tokens = batches.reduce(0) { $0 + $1.lengths.reduce(0, +) }
  var rng = SplitMix64(seed: 3)
  let seconds = medianSeconds(runs: 3) {
    for (batch, x) in zip(batches, inputs) {
      _ = stack.forward(x, batch: batch, using: &rng)
    }
  }
  report(
    "recurrent \(name)", size: "\(tokens) tokens, \(batches.count) batches", seconds: seconds,
    throughput: String(format: "%.0f tokens/s", Double(tokens) / seconds))
}

private func measureTraining(
  _ stack: BidirectionalStack, _ batches: [SequenceBatch], _ inputs: [Matrix], _ name: String
) {
  let tokens = batches.reduce(0) { $0 + $1.lengths.reduce(0, +) }
  var rng = SplitMix64(seed: 3)
  let dOutputs = batches.map {
    randomMatrix(rows: $0.rowCount, columns: 2 * stack.hiddenSize, using: &rng)
  }
  var gradients = stack.zeroedCopy()
  let seconds = medianSeconds(runs: 3) {
    for index in batches.indices {
      let (_, _, cache) = stack.forward(
        inputs[index], batch: batches[index], interLayerDropout: 0.5, using: &rng)
      _ = stack.backward(dOutputs[index], cache: cache, into: &gradients)
    }
  }
  report(
    "recurrent \(name)", size: "\(tokens) tokens, \(batches.count) batches", seconds: seconds,
    throughput: String(format: "%.0f tokens/s", Double(tokens) / seconds))
}
