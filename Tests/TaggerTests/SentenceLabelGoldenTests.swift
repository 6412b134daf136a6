import Foundation
import Testing

@testable import Tagger

/// Reproduces PyTorch's last-state sentence classifier from `Fixtures/sentence-label-golden.json`
/// (generated in float64 by `Scripts/golden/sentence_label_golden.py`): a 2-layer bidirectional
/// LSTM or GRU, D = 3, H = 4, sequences of lengths 5, 2, 3 packed so padding never counts,
/// `cat(h_n[-2], h_n[-1])` into a linear layer of 3 labels, summed cross-entropy.
@Suite struct SentenceLabelGoldenTests {
  typealias GoldenCase = RecurrentGoldenTests.GoldenCase

  static func cases() throws -> [GoldenCase] {
    let data = try Data(contentsOf: RecurrentFixtures.url("sentence-label-golden.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(root["cases"] as? [[String: Any]]).map(GoldenCase.init)
  }

  static func head(_ golden: GoldenCase, _ group: String) throws -> SentenceLabelHead {
    let width = 2 * golden.hiddenSize
    let weight = try golden.values("\(group).weight")
    var rng = SplitMix64(seed: 0)
    var head = SentenceLabelHead(
      hiddenSize: golden.hiddenSize, labelCount: weight.count / width, pooling: .last, using: &rng)
    head.classifier = Linear(
      weight: Matrix(rows: weight.count / width, columns: width, storage: weight),
      bias: Matrix(
        rows: 1, columns: weight.count / width, storage: try golden.values("\(group).bias")))
    return head
  }

  @Test(arguments: [CellKind.lstm, .gru])
  func reproducesPyTorchsLastStateClassifier(kind: CellKind) throws {
    let golden = try #require(try Self.cases().first { $0.kind == kind })
    let batch = SequenceBatch(lengths: golden.lengths)
    var stack = try golden.stack("weights")
    stack.runsDirectionsConcurrently = false
    let head = try Self.head(golden, "classifier")
    let x = try golden.timeMajor("input", width: golden.inputSize)
    var rng = SplitMix64(seed: 0)
    let run = stack.forward(x, batch: batch, using: &rng)
    let (logits, cache) = head.forward(
      stackOutput: run.output, finalStates: TaggerNetwork.topStates(run.finalHidden),
      batch: batch, dropout: Dropout(rate: 0), isTraining: false, using: &rng)
    expectClose(cache.classifierInput.elements, try golden.values("pooled"), absolute: 1e-5)
    expectClose(logits.elements, try golden.values("logits"), absolute: 1e-5)

    let targets = try #require(golden.fields["targets"] as? [Int])
    let loss = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
    let expectedLoss = try #require(golden.fields["loss"] as? Double)
    #expect(abs(loss.loss - expectedLoss) < 1e-4, "loss \(loss.loss), PyTorch \(expectedLoss)")
    var dLogits = loss.dLogits
    dLogits.scale(by: Float(loss.count))  // the gradient of the summed loss
    var headGradients = head.zeroedCopy()
    let dHead = head.backward(dLogits, cache: cache, into: &headGradients)
    let dStates = try #require(dHead.dFinalStates)
    let zero = Matrix(rows: batch.batchSize, columns: golden.hiddenSize)
    var stackGradients = stack.zeroedCopy()
    let dx = stack.backward(
      Matrix(rows: batch.rowCount, columns: 2 * golden.hiddenSize),
      dFinalHidden: [zero, zero, dStates.forward, dStates.backward], cache: run.cache,
      into: &stackGradients)

    let expectedHead = try Self.head(golden, "grad_classifier")
    expectClose(
      headGradients.classifier.weight.elements, expectedHead.classifier.weight.elements,
      absolute: 1e-5)
    expectClose(
      headGradients.classifier.bias.elements, expectedHead.classifier.bias.elements,
      absolute: 1e-5)
    let expectedStack = try golden.stack("grad_weights")
    for (name, value) in stackGradients.namedParameters {
      let expected = try #require(expectedStack.namedParameters.first { $0.name == name }).value
      expectClose(value.elements, expected.elements, relative: 1e-3, absolute: 1e-5, "\(name)")
    }
    expectClose(
      dx.elements, try golden.timeMajor("grad_input", width: golden.inputSize).elements,
      absolute: 1e-5)
  }
}
