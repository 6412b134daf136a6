import Foundation
import Testing

@testable import Tagger

/// The decoder's teacher-forced path against its step-by-step path, and its gradients against
/// finite differences, for every cell and input kind, with and without an initial state.
@Suite struct RecurrentDecoderTests {
  /// A tiny decoder: V = 7 symbols, E = 3, H = 4, two layers.
  static func decoder(
    _ cell: CellKind, _ input: DecoderInput, dropout: Float = 0, weightDrop: Float = 0,
    seed: UInt64 = 7
  ) -> RecurrentDecoder {
    var rng = SplitMix64(seed: seed)
    var decoder = RecurrentDecoder(
      cell: cell, input: input, vocabularySize: 7, embeddingSize: 3, layerCount: 2, hiddenSize: 4,
      dropout: dropout, using: &rng)
    decoder.weightDrop = weightDrop
    return decoder
  }

  /// Three sequences of lengths 3, 1 and 5 (unsorted) over symbols 2…6, with `end` 1.
  static let sequences = [[4, 5, 2], [6], [2, 3, 3, 6, 5]]

  static func batch() -> DecoderBatch {
    DecoderBatch(languageModel: sequences, begin: 2, end: 1)
  }

  /// A random initial state for each layer of `decoder` and `batchSize` sequences.
  static func randomState(_ decoder: RecurrentDecoder, batchSize: Int, seed: UInt64)
    -> [RecurrentState]
  {
    var rng = SplitMix64(seed: seed)
    return decoder.layers.map { layer in
      RecurrentState(
        hidden: Matrix.random(rows: batchSize, columns: layer.hiddenSize, using: &rng),
        cell: layer.kind == .lstm
          ? Matrix.random(rows: batchSize, columns: layer.hiddenSize, using: &rng) : nil)
    }
  }

  @Test(arguments: CellKind.allCases, DecoderInput.allCases)
  func teacherForcedLossEqualsTheSumOfStepCrossEntropies(cell: CellKind, input: DecoderInput) {
    let decoder = Self.decoder(cell, input)
    for withState in [false, true] {
      let state = withState ? Self.randomState(decoder, batchSize: 3, seed: 5) : nil
      let teacherForced = decoder.loss(Self.batch(), initialState: state)
      let stepper = RecurrentStepDecoder(decoder)
      var stepped = 0.0
      for (index, sequence) in Self.sequences.enumerated() {
        var stepState =
          state.map { stepper.selecting($0, rows: [index]) }
          ?? decoder.zeroState(batchSize: 1)
        for (symbol, target) in zip([2] + sequence, sequence + [1]) {
          let logits = stepper.step([symbol], state: &stepState)
          stepped -= Sampler.logSoftmax(logits, row: 0)[target]
        }
      }
      #expect(
        abs(teacherForced - stepped) <= 1e-4 * abs(stepped),
        "\(cell) \(input) state \(withState): teacher-forced \(teacherForced), stepped \(stepped)")
    }
  }

  /// With dropout, and with recurrent weights dropped too (the same masks in every run of the
  /// loss, drawn from the same seed).
  @Test(arguments: CellKind.allCases, DecoderInput.allCases)
  func gradientsMatchFiniteDifferences(cell: CellKind, input: DecoderInput) {
    for weightDrop: Float in [0, 0.4] {
      gradientsMatchFiniteDifferences(cell: cell, input: input, weightDrop: weightDrop)
    }
  }

  func gradientsMatchFiniteDifferences(cell: CellKind, input: DecoderInput, weightDrop: Float) {
    let decoder = Self.decoder(cell, input, dropout: 0.25, weightDrop: weightDrop)
    let batch = Self.batch()
    let state = Self.randomState(decoder, batchSize: 3, seed: 9)
    func loss(_ decoder: RecurrentDecoder, _ state: [RecurrentState]) -> Double {
      var rng = SplitMix64(seed: 13)
      let logits = decoder.forward(batch, initialState: state, isTraining: true, using: &rng)
        .logits
      return SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: batch.targetIDs).loss
    }
    var rng = SplitMix64(seed: 13)
    let (logits, cache) = decoder.forward(batch, initialState: state, isTraining: true, using: &rng)
    let result = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: batch.targetIDs)
    var dLogits = result.dLogits
    dLogits.scale(by: Float(result.count))  // the gradient of the summed loss
    var gradients = decoder.zeroedCopy()
    let dState = decoder.backward(dLogits, cache: cache, into: &gradients)
    expectGradientsMatch(decoder, gradients: gradients) { loss($0, state) }
    for layer in state.indices {
      let probe = GradientProbe(value: state[layer].hidden)
      expectGradientsMatch(probe, gradients: GradientProbe(value: dState[layer].hidden)) { probe in
        var moved = state
        moved[layer].hidden = probe.value
        return loss(decoder, moved)
      }
      if let cellState = state[layer].cell, let dCell = dState[layer].cell {
        let probe = GradientProbe(value: cellState)
        expectGradientsMatch(probe, gradients: GradientProbe(value: dCell)) { probe in
          var moved = state
          moved[layer].cell = probe.value
          return loss(decoder, moved)
        }
      }
    }
  }

  @Test func paddingAndStateRowsPredictNothing() {
    let batch = Self.batch()
    #expect(batch.targetCount == 3 + 1 + 5 + 3)
    #expect(batch.layout.lengths == [5, 3, 7])
    for b in 0..<3 {
      #expect(batch.targetIDs[b] < 0 && batch.inputIDs[b] == Embedding.paddingID)
    }
    #expect(batch.inputIDs[3 + 0] == 2 && batch.targetIDs[3 + 0] == 4)
    #expect(batch.targetIDs[6 * 3 + 2] == 1)
  }
}

/// Weight drop acts in training only and draws nothing when off.
@Suite struct RecurrentDecoderWeightDropTests {
  @Test func weightDropChangesTrainingRunsOnlyAndDrawsNothingWhenOff() {
    let batch = RecurrentDecoderTests.batch()
    let plain = RecurrentDecoderTests.decoder(.lstm, .embedding)
    var dropping = plain
    dropping.weightDrop = 0.5
    func run(_ decoder: RecurrentDecoder, training: Bool) -> (Matrix, UInt64) {
      var rng = SplitMix64(seed: 3)
      let logits = decoder.forward(batch, isTraining: training, using: &rng).logits
      return (logits, rng.state)
    }
    let (plainTraining, plainState) = run(plain, training: true)
    let (droppedTraining, droppedState) = run(dropping, training: true)
    #expect(plainTraining != droppedTraining && plainState != droppedState)
    #expect(run(plain, training: false).0 == run(dropping, training: false).0)
    #expect(
      run(dropping, training: false).1 == SplitMix64(seed: 3).state, "inference draws nothing")
    var unchanged = plain
    unchanged.weightDrop = 0
    #expect(run(unchanged, training: true).0 == plainTraining)
  }
}
