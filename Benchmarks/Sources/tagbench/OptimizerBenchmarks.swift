import Foundation
import Tagger

/// One optimizer step on a 20,000 × 100 word-embedding table (the reference tagger's size), dense
/// and row-sparse (a batch of 800 tokens touching 400 distinct rows), plus gradient clipping.
func runOptimizerBenchmarks() throws {
  let vocabularySize = 20_000
  let dimension = 100
  var rng = SplitMix64(seed: 1)
  var model = Embedding(vocabularySize: vocabularySize, dimension: dimension, using: &rng)
  let ids = (0..<800).map { _ in Int(rng.next() % 400) * 50 + 1 }
  let dOutput = Matrix(
    rows: ids.count, columns: dimension,
    storage: (0..<ids.count * dimension).map { _ in rng.nextFloat(in: -1, 1) })
  var gradients = model.zeroedCopy()
  model.backward(dOutput, ids: ids, into: &gradients)
  let elements = Double(vocabularySize * dimension)
  let cases: [(name: String, optimizer: any Optimizer)] = [
    ("adam step dense", Adam()),
    ("adam step row-sparse", Adam(rowSparseParameters: ["table"])),
    ("sgd step dense", SGD(learningRate: 0.1)),
    ("sgd step row-sparse", SGD(learningRate: 0.1, rowSparseParameters: ["table"])),
  ]
  for entry in cases {
    var optimizer = entry.optimizer
    let seconds = medianSeconds(runs: 21) { optimizer.update(&model, gradients: gradients) }
    report(
      entry.name, size: "\(vocabularySize)×\(dimension) table", seconds: seconds,
      throughput: String(format: "%.0f M elements/s", elements / seconds / 1e6))
  }
  let backward = medianSeconds(runs: 21) {
    var fresh = gradients
    fresh.zeroParameters()
    model.backward(dOutput, ids: ids, into: &fresh)
  }
  report(
    "embedding zero + backward", size: "800 tokens, 20,000×100", seconds: backward,
    throughput: String(format: "%.0f tokens/s", 800 / backward))
  var clipped = gradients
  let clipping = medianSeconds(runs: 21) { clipGradientNorm(&clipped, maxNorm: 1e-3) }
  report(
    "clip gradient norm", size: "\(vocabularySize)×\(dimension) table", seconds: clipping,
    throughput: String(format: "%.0f M elements/s", elements / clipping / 1e6))
}
