import Foundation
import Testing

@testable import Tagger

/// Skip connections in `BidirectionalStack` (`--residual`) and character dropout
/// (`--char-dropout`): gradients, padding, the unchanged weights of plain stacks, and the model
/// file.
@Suite struct ResidualStackTests {
  @Test(arguments: CellKind.allCases)
  func residualGradientsMatchFiniteDifferences(kind: CellKind) {
    for inputSize in [2, 6] {  // D ≠ 2H (a projection) and D = 2H (the input itself)
      var rng = SplitMix64(seed: 7)
      var stack = BidirectionalStack(
        kind: kind, inputSize: inputSize, hiddenSize: 3, layerCount: 3, residual: true,
        using: &rng)
      #expect((stack.inputProjection != nil) == (inputSize != 6))
      stack.runsDirectionsConcurrently = true
      expectStackGradientsMatch(stack, "\(kind) residual stack, input \(inputSize)")
    }
  }

  @Test func aResidualLayerAddsItsInputToThePlainOutput() {
    let batch = SequenceBatch(lengths: [3, 1])
    var plainRNG = SplitMix64(seed: 4)
    let plain = BidirectionalStack(
      kind: .lstm, inputSize: 4, hiddenSize: 2, layerCount: 2, using: &plainRNG)
    var residualRNG = SplitMix64(seed: 4)
    let residual = BidirectionalStack(
      kind: .lstm, inputSize: 4, hiddenSize: 2, layerCount: 2, residual: true, using: &residualRNG)
    #expect(residual.layers == plain.layers, "the same weights are drawn for the layers")
    #expect(residual.inputProjection == nil && residual.parameterPaths.count == 16)
    var rng = SplitMix64(seed: 9)
    let x = Matrix.random(rows: batch.rowCount, columns: 4, using: &rng)
    var noDropout = SplitMix64(seed: 1)
    // One layer at a time: the residual stack's first layer is the plain one's plus x.
    let firstPlain = BidirectionalStack(layers: [plain.layers[0]])
    let firstResidual = BidirectionalStack(layers: [plain.layers[0]], residual: true)
    let expected = firstPlain.forward(x, batch: batch, using: &noDropout).output
    let actual = firstResidual.forward(x, batch: batch, using: &noDropout).output
    for row in 0..<batch.rowCount {
      let isPadding = row % 2 == 1 && row / 2 >= 1
      for column in 0..<4 {
        let want = isPadding ? 0 : expected[row, column] + x[row, column]
        #expect(actual[row, column] == want, "row \(row) column \(column)")
      }
    }
  }

  @Test func aTrainedResidualModelSurvivesTheModelFile() throws {
    var options = TaggerSamples.tinyOptions()
    options.configuration.layerCount = 2
    options.configuration.hiddenSize = 10
    options.configuration.residual = true
    options.configuration.characterDropout = 0.2
    options.maxEpochs = 3
    let trained = try TaggerSamples.trainedModel(options: options)
    let projection = try #require(trained.network.stack.inputProjection)
    #expect(projection.weight.shape == [20, 6 + 10])
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("residual.tagger").path
    try ModelFile.save(trained, to: path)
    let loaded = try ModelFile.load(from: path)
    #expect(loaded.configuration.residual == true && loaded.configuration.characterDropout == 0.2)
    #expect(loaded.network.stack.isResidual)
    let stored = ModelFile.roundedForStorage(trained)
    #expect(loaded.network.stack == stored.network.stack)
    let inputs = TaggerSamples.sentences.map { TaggerInput(words: $0.words) }
    #expect(loaded.tagInBatches(inputs) == stored.tagInBatches(inputs))
  }

  @Test func characterDropoutReplacesSomeCharactersAndDrawsNothingWhenOff() {
    var options = TaggerSamples.tinyOptions()
    var trainer = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options,
      tagLayer: .name("upos"))
    let vocabulary = trainer.state.model.characterVocabulary
    let word = String(repeating: "dogs", count: 25)
    let before = trainer.rng
    #expect(trainer.droppedOutCharacterIDs(word, vocabulary: vocabulary) == vocabulary.ids(of: word))
    #expect(trainer.rng == before, "no dropout, no draws")
    options.configuration.characterDropout = 0.5
    trainer = Trainer(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, options: options,
      tagLayer: .name("upos"))
    let dropped = trainer.droppedOutCharacterIDs(word, vocabulary: vocabulary)
    let unknown = dropped.filter { $0 == CharacterVocabulary.unknownID }.count
    #expect(dropped.count == 100 && (30...70).contains(unknown), "\(unknown) of 100 dropped")
    #expect(zip(dropped, vocabulary.ids(of: word)).allSatisfy {
      $0.0 == $0.1 || $0.0 == CharacterVocabulary.unknownID
    })
  }
}
