import Foundation
import Testing

@testable import Tagger

/// Reproduces PyTorch's values in `Fixtures/recurrent-golden.json` (a copy of
/// `/work/shared/fixtures/recurrent-golden.json`, generated in float64 by
/// `tools/golden_recurrent.py`): a 2-layer bidirectional network, D = 3, H = 4, two sequences of
/// lengths 5 and 3, for each cell. PyTorch is batch-first (`[B, T, ·]`); the tests convert to the
/// time-major rows `t·B + b`.
@Suite struct RecurrentGoldenTests {
  /// One case of the file, with nested arrays flattened row-major.
  struct GoldenCase {
    let kind: CellKind
    let lengths: [Int]
    let inputSize: Int
    let hiddenSize: Int
    let layerCount: Int
    let fields: [String: Any]

    init(_ object: [String: Any]) throws {
      let names: [String: CellKind] = ["lstm": .lstm, "gru": .gru, "rnn_tanh": .rnn]
      kind = try #require(
        names[object["cell"] as? String ?? ""], "unknown cell \(object["cell"] ?? "")")
      lengths = try #require(object["lengths"] as? [Int])
      inputSize = try #require(object["input_size"] as? Int)
      hiddenSize = try #require(object["hidden_size"] as? Int)
      layerCount = try #require(object["num_layers"] as? Int)
      fields = object
    }

    /// The values under `path` (keys separated by dots), flattened row-major.
    func values(_ path: String) throws -> [Float] {
      var node: Any? = fields
      for key in path.split(separator: ".") { node = (node as? [String: Any])?[String(key)] }
      return try flatten(#require(node, "missing \(path)"))
    }

    private func flatten(_ node: Any) throws -> [Float] {
      if let number = node as? Double { return [Float(number)] }
      let array = try #require(node as? [Any], "not a number or array")
      return try array.flatMap(flatten)
    }

    /// Batch-first `[B, T, W]` values as time-major `[T·B, W]`.
    func timeMajor(_ path: String, width: Int) throws -> Matrix {
      let values = try values(path)
      let (batchSize, steps) = (lengths.count, lengths.max() ?? 0)
      var result = Matrix(rows: steps * batchSize, columns: width)
      for b in 0..<batchSize {
        for t in 0..<steps {
          for w in 0..<width { result[t * batchSize + b, w] = values[(b * steps + t) * width + w] }
        }
      }
      return result
    }

    /// The PyTorch name suffix of layer `layer`, direction `reversed`.
    func suffix(_ layer: Int, _ reversed: Bool) -> String {
      "_l\(layer)" + (reversed ? "_reverse" : "")
    }

    /// A recurrent layer from the PyTorch tensors under `group` (`weights` or `grad_weights`).
    func recurrentLayer(_ group: String, layer: Int, reversed: Bool) throws -> RecurrentLayer {
      let gateRows = kind.gateCount * hiddenSize
      let width = layer == 0 ? inputSize : 2 * hiddenSize
      let name = suffix(layer, reversed)
      return RecurrentLayer(
        kind: kind,
        wx: Matrix(
          rows: gateRows, columns: width, storage: try values("\(group).weight_ih\(name)")),
        wh: Matrix(
          rows: gateRows, columns: hiddenSize, storage: try values("\(group).weight_hh\(name)")),
        bx: Matrix(rows: 1, columns: gateRows, storage: try values("\(group).bias_ih\(name)")),
        bh: Matrix(rows: 1, columns: gateRows, storage: try values("\(group).bias_hh\(name)")))
    }

    /// A stack from the tensors under `group`.
    func stack(_ group: String) throws -> BidirectionalStack {
      BidirectionalStack(
        layers: try (0..<layerCount).map { layer in
          BidirectionalLayer(
            forward: try recurrentLayer(group, layer: layer, reversed: false),
            backward: try recurrentLayer(group, layer: layer, reversed: true))
        })
    }

    /// `[L·2, B, H]` states as one `[B, H]` matrix per layer and direction.
    func states(_ path: String) throws -> [Matrix] {
      let values = try values(path)
      let size = lengths.count * hiddenSize
      return (0..<2 * layerCount).map { index in
        Matrix(
          rows: lengths.count, columns: hiddenSize,
          storage: Array(values[index * size..<(index + 1) * size]))
      }
    }
  }

  static func goldenCases() throws -> [GoldenCase] {
    let data = try Data(contentsOf: RecurrentFixtures.url("recurrent-golden.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cases = try #require(root["cases"] as? [[String: Any]])
    return try cases.map(GoldenCase.init)
  }

  @Test(arguments: CellKind.allCases)
  func reproducesPyTorch(kind: CellKind) throws {
    let golden = try #require(try Self.goldenCases().first { $0.kind == kind })
    let batch = SequenceBatch(lengths: golden.lengths)
    let stack = try golden.stack("weights")
    let x = try golden.timeMajor("input", width: golden.inputSize)
    var rng = SplitMix64(seed: 0)
    let (output, finalHidden, cache) = stack.forward(x, batch: batch, using: &rng)

    let width = 2 * golden.hiddenSize
    expectClose(output.elements, try golden.timeMajor("output", width: width).elements, "output")
    let hN = try golden.states("h_n")
    for (index, state) in finalHidden.enumerated() {
      expectClose(state.elements, hN[index].elements, "h_n[\(index)]")
    }
    let stateWeights = try golden.states("loss_weights_state")
    let outputWeights = try golden.timeMajor("loss_weights_output", width: width)
    var loss =
      dot(output, outputWeights) + zip(finalHidden, stateWeights).reduce(0) { $0 + dot($1.0, $1.1) }
    if kind == .lstm {
      let cN = try golden.states("c_n")
      #expect(cache.finalCell.count == cN.count)
      for (index, state) in cache.finalCell.enumerated() {
        expectClose(state.elements, cN[index].elements, "c_n[\(index)]")
      }
      loss += zip(cache.finalCell, stateWeights).reduce(0) { $0 + dot($1.0, $1.1) }
    } else {
      #expect(cache.finalCell.isEmpty)
    }
    expectClose(Float(loss), try golden.values("loss")[0], "loss")

    var gradients = stack.zeroedCopy()
    let dx = stack.backward(
      outputWeights, dFinalHidden: stateWeights, dFinalCell: kind == .lstm ? stateWeights : nil,
      cache: cache, into: &gradients)
    expectClose(
      dx.elements, try golden.timeMajor("grad_input", width: golden.inputSize).elements,
      "grad_input")
    let expected = try golden.stack("grad_weights")
    for (entry, reference) in zip(gradients.namedParameters, expected.namedParameters) {
      expectClose(entry.value.elements, reference.value.elements, "\(kind) \(entry.name)")
    }
  }
}
