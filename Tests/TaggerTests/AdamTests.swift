import Foundation
import Testing

@testable import Tagger

/// The `adam` and `clip_grad_norm` entries of `Fixtures/recurrent-golden.json` (PyTorch, float64;
/// see `/work/shared/fixtures/README.md`).
enum OptimizerGolden {
  /// The decoded JSON object of the fixture.
  static func entry(_ key: String) throws -> [String: Any] {
    let url = try #require(
      Bundle.module.url(
        forResource: "recurrent-golden", withExtension: "json", subdirectory: "Fixtures"),
      "missing fixture recurrent-golden.json")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    return try #require(root[key] as? [String: Any], "no \"\(key)\" entry")
  }

  /// Nested JSON arrays of numbers, flattened to `Float`s in row-major order.
  static func floats(_ value: Any?) throws -> [Float] {
    if let number = value as? Double { return [Float(number)] }
    let array = try #require(
      value as? [Any], "expected numbers, found \(String(describing: value))")
    return try array.flatMap { try floats($0) }
  }
}

/// One named parameter, `"w"`.
struct SingleParameter: ParameterContainer, Equatable {
  var w: Matrix

  var parameterPaths: [(name: String, path: WritableKeyPath<SingleParameter, Matrix>)] {
    [(name: "w", path: \.w)]
  }
}

@Suite struct AdamTests {
  @Test func threeStepsMatchPyTorch() throws {
    let golden = try OptimizerGolden.entry("adam")
    let start = try OptimizerGolden.floats(golden["start"])
    let steps = try #require(golden["grads"] as? [Any])
    var parameters = SingleParameter(w: Matrix(rows: 1, columns: start.count, storage: start))
    var adam = Adam(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    for step in steps {
      let gradient = try OptimizerGolden.floats(step)
      adam.update(
        &parameters,
        gradients: SingleParameter(w: Matrix(rows: 1, columns: gradient.count, storage: gradient)))
    }
    #expect(adam.step == 3)
    let expected = try OptimizerGolden.floats(golden["after_3_steps"])
    expectClose(parameters.w.elements, expected, relative: 1e-4, absolute: 1e-5)
  }

  @Test func weightDecayPullsTowardsZero() {
    var parameters = SingleParameter(w: Matrix(rows: 1, columns: 3, storage: [2, -1, 0.5]))
    var adam = Adam(learningRate: 0.01, weightDecay: 0.1)
    adam.update(&parameters, gradients: parameters.zeroedCopy())
    // m̂ / √v̂ = sign(p) on the first step, so each value moves by lr towards zero.
    expectClose(parameters.w.elements, [1.99, -0.99, 0.49])
  }

  @Test func rowSparseParametersSkipUntouchedRows() {
    let start = Matrix(rows: 4, columns: 2, storage: [1, 2, 3, 4, 5, 6, 7, 8])
    var lazy = SingleParameter(w: start)
    var dense = SingleParameter(w: start)
    var lazyAdam = Adam(learningRate: 0.1, rowSparseParameters: ["w"])
    var denseAdam = Adam(learningRate: 0.1)
    var afterFirst = lazy
    for (step, row) in [1, 2].enumerated() {
      var gradient = lazy.zeroedCopy()
      gradient.w[row, 0] = 0.5
      gradient.w[row, 1] = -1
      lazyAdam.update(&lazy, gradients: gradient)
      denseAdam.update(&dense, gradients: gradient)
      if step == 0 { afterFirst = lazy }
    }
    #expect(lazy.w.row(0) == start.row(0))
    #expect(lazy.w.row(3) == start.row(3))
    #expect(lazy.w.row(1) == afterFirst.w.row(1), "row 1 has no gradient in step 2")
    #expect(dense.w.row(1) != afterFirst.w.row(1), "dense Adam keeps moving on momentum")
    expectClose(lazy.w.row(2), dense.w.row(2))
    let lazyState = Dictionary(uniqueKeysWithValues: lazyAdam.state.map { ($0.name, $0.value) })
    #expect(lazyState["m.w"]?.row(0) == [0, 0])
  }

  /// Training with 2 threads splits a large parameter's update in two halves on two threads:
  /// the same parameters and moments bit for bit, dense and row-sparse (where the cut falls
  /// inside a run of touched rows).
  @Test(arguments: [false, true])
  func twoThreadsUpdateBitForBitLikeOne(rowSparse: Bool) {
    var rng = SplitMix64(seed: 77)
    let start = SingleParameter(w: Matrix.random(rows: 700, columns: 100, using: &rng))
    var one = start
    var two = start
    var oneAdam = Adam(learningRate: 0.01, rowSparseParameters: rowSparse ? ["w"] : [])
    var twoAdam = oneAdam
    twoAdam.usesTwoThreads = true
    for _ in 0..<3 {
      var gradient = Matrix.random(rows: 700, columns: 100, using: &rng)
      if rowSparse {
        for row in 0..<700 where row % 3 == 0 || (200..<260).contains(row) {
          for column in 0..<100 { gradient[row, column] = 0 }
        }
      }
      oneAdam.update(&one, gradients: SingleParameter(w: gradient))
      twoAdam.update(&two, gradients: SingleParameter(w: gradient))
    }
    #expect(one.w.storage == two.w.storage)
    #expect(one.w != start.w)
    #expect(oneAdam.state.map(\.value) == twoAdam.state.map(\.value), "moments")
  }

  @Test func twoHalvesCoverEveryElementOnce() {
    #expect(TwoHalves([0..<100]) == nil, "too small for a second thread")
    let ranges = [3..<20_000, 20_100..<20_200, 30_000..<80_000]
    let halves = try! #require(TwoHalves(ranges))
    let counts = halves.ranges.map { $0.reduce(0) { $0 + $1.count } }
    #expect(abs(counts[0] - counts[1]) <= 1)
    #expect(halves.ranges.flatMap { $0.flatMap { Array($0) } } == ranges.flatMap { Array($0) })
  }

  @Test func rowSparseUpdatesVisitMergedRunsOfTouchedRows() {
    var gradient = Matrix(rows: 6, columns: 3)
    gradient[1, 2] = 0.5
    gradient[2, 0] = .nan
    gradient[3, 1] = -0.0
    gradient[5, 0] = 1e-30
    #expect(gradient.updateRanges(skippingZeroRows: true) == [3..<9, 15..<18])
    #expect(gradient.updateRanges(skippingZeroRows: false) == [0..<18])
    #expect(Matrix(rows: 2, columns: 2).updateRanges(skippingZeroRows: true).isEmpty)
  }

  @Test func restoredStateContinuesIdentically() throws {
    var rng = SplitMix64(seed: 40)
    let gradients = (0..<3).map { _ in
      SingleParameter(w: randomMatrix(rows: 2, columns: 3, using: &rng))
    }
    var parameters = SingleParameter(w: randomMatrix(rows: 2, columns: 3, using: &rng))
    var original = Adam(learningRate: 0.01)
    for gradient in gradients.prefix(2) { original.update(&parameters, gradients: gradient) }
    #expect(original.state.map(\.name) == ["step", "m.w", "v.w"])
    var restored = Adam(learningRate: 0.01)
    try restored.restore(state: original.state, matching: parameters)
    #expect(restored.step == 2)
    var continued = parameters
    original.update(&continued, gradients: gradients[2])
    var resumed = parameters
    restored.update(&resumed, gradients: gradients[2])
    #expect(resumed == continued)
  }

  @Test(arguments: [
    ("missing step", OptimizerStateError(.missingTensor, name: "step")),
    ("orphan v", OptimizerStateError(.missingTensor, name: "m.w")),
    ("unknown slot", OptimizerStateError(.unexpectedTensor, name: "velocity.w")),
    ("unknown parameter", OptimizerStateError(.unexpectedTensor, name: "m.bias")),
    (
      "wrong shape",
      OptimizerStateError(.wrongShape(found: [3, 2], expected: [2, 3]), name: "m.w")
    ),
    ("fractional step", OptimizerStateError(.invalidStep(1.5), name: "step")),
  ])
  func restoreRejectsBadState(_ problem: String, expected: OptimizerStateError) {
    let model = SingleParameter(w: Matrix(rows: 2, columns: 3))
    var state = Self.validState()
    switch problem {
    case "missing step": state.removeFirst()
    case "orphan v": state.remove(at: 1)
    case "unknown slot": state.append((name: "velocity.w", value: Matrix(rows: 2, columns: 3)))
    case "unknown parameter": state.append((name: "m.bias", value: Matrix(rows: 2, columns: 3)))
    case "wrong shape": state[1].value = Matrix(rows: 3, columns: 2)
    default: state[0].value = Matrix(rows: 1, columns: 1, repeating: 1.5)
    }
    var adam = Adam()
    #expect(throws: expected) { try adam.restore(state: state, matching: model) }
    #expect(adam.step == 0, "a failed restore changes nothing")
  }

  @Test func stateErrorMessage() {
    let error = OptimizerStateError(
      .wrongShape(found: [17, 256], expected: [17, 128]), name: "m.w")
    #expect(error.description == "optimizer state \"m.w\" is [17, 256], expected [17, 128]")
  }

  @Test func learnsATinyTaggingTask() {
    var model = TinyTagger(vocabularySize: 10, embeddingSize: 6, tagCount: 4, seed: 41)
    let ids = [2, 3, 4, 5, 6, 7, 8, 9, 1]
    let targets = [0, 1, 2, 3, 0, 1, 2, 3, 0]
    var adam = Adam(learningRate: 0.05, rowSparseParameters: ["embedding.table"])
    #expect(model.predictedTags(ids: ids) != targets, "the task must not be solved at the start")
    for _ in 0..<25 {
      let (_, gradients) = model.lossAndGradients(ids: ids, targets: targets)
      adam.update(&model, gradients: gradients)
    }
    #expect(model.predictedTags(ids: ids) == targets)
    #expect(model.lossAndGradients(ids: ids, targets: targets).loss < 0.05)
    #expect(model.embedding.table.row(0) == [0, 0, 0, 0, 0, 0], "<pad> stays zero")
  }

  private static func validState() -> [(name: String, value: Matrix)] {
    [
      (name: "step", value: Matrix(rows: 1, columns: 1, repeating: 4)),
      (name: "m.w", value: Matrix(rows: 2, columns: 3)),
      (name: "v.w", value: Matrix(rows: 2, columns: 3)),
    ]
  }
}
