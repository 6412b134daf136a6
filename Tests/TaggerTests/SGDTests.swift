import Testing

@testable import Tagger

@Suite struct SGDTests {
  @Test func momentumAccumulatesVelocity() {
    var parameters = SingleParameter(w: Matrix(rows: 1, columns: 2, storage: [1, -1]))
    let gradient = SingleParameter(w: Matrix(rows: 1, columns: 2, storage: [0.5, -2]))
    var sgd = SGD(learningRate: 0.1, momentum: 0.9)
    sgd.update(&parameters, gradients: gradient)
    expectClose(parameters.w.elements, [0.95, -0.8])
    sgd.update(&parameters, gradients: gradient)
    // b = 0.9 · b + g = [0.95, -3.8]
    expectClose(parameters.w.elements, [0.855, -0.42])
  }

  @Test func zeroMomentumIsPlainGradientDescentWithoutState() {
    var parameters = SingleParameter(w: Matrix(rows: 1, columns: 2, storage: [1, -1]))
    let gradient = SingleParameter(w: Matrix(rows: 1, columns: 2, storage: [0.5, -2]))
    var sgd = SGD(learningRate: 0.1, momentum: 0)
    sgd.update(&parameters, gradients: gradient)
    sgd.update(&parameters, gradients: gradient)
    expectClose(parameters.w.elements, [0.9, -0.6])
    #expect(sgd.state.isEmpty)
  }

  @Test func rowSparseParametersSkipUntouchedRows() {
    var parameters = SingleParameter(w: Matrix(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 6]))
    var sgd = SGD(learningRate: 0.1, rowSparseParameters: ["w"])
    var gradient = parameters.zeroedCopy()
    gradient.w[1, 0] = 1
    sgd.update(&parameters, gradients: gradient)
    let afterFirst = parameters
    sgd.update(&parameters, gradients: parameters.zeroedCopy())
    #expect(parameters == afterFirst, "no gradient, no momentum step for skipped rows")
    expectClose(parameters.w.elements, [1, 2, 2.9, 4, 5, 6])
  }

  @Test func restoredStateContinuesIdentically() throws {
    var parameters = SingleParameter(w: Matrix(rows: 2, columns: 2, storage: [1, 2, 3, 4]))
    let gradient = SingleParameter(w: Matrix(rows: 2, columns: 2, storage: [0.1, -0.2, 0.3, 0]))
    var original = SGD(learningRate: 0.5)
    original.update(&parameters, gradients: gradient)
    #expect(original.state.map(\.name) == ["velocity.w"])
    var restored = SGD(learningRate: 0.5)
    try restored.restore(state: original.state, matching: parameters)
    var continued = parameters
    original.update(&continued, gradients: gradient)
    restored.update(&parameters, gradients: gradient)
    #expect(parameters == continued)
    #expect(throws: OptimizerStateError(.unexpectedTensor, name: "m.w")) {
      try restored.restore(state: [(name: "m.w", value: Matrix(rows: 2, columns: 2))])
    }
  }

  @Test func learnsATinyTaggingTask() {
    var model = TinyTagger(vocabularySize: 10, embeddingSize: 6, tagCount: 4, seed: 42)
    let ids = [2, 3, 4, 5, 6, 7, 8, 9, 1]
    let targets = [0, 1, 2, 3, 0, 1, 2, 3, 0]
    var sgd = SGD(learningRate: 0.5, momentum: 0.9)
    #expect(model.predictedTags(ids: ids) != targets, "the task must not be solved at the start")
    for _ in 0..<25 {
      let (_, gradients) = model.lossAndGradients(ids: ids, targets: targets)
      sgd.update(&model, gradients: gradients)
    }
    #expect(model.predictedTags(ids: ids) == targets)
    #expect(model.lossAndGradients(ids: ids, targets: targets).loss < 0.05)
  }
}
