import Foundation
import Testing

@testable import Tagger

/// Recurrent weights packed once for inference (`packForInference`): the same outputs as the
/// unpacked layer within rounding, for every cell, over batches whose steps run one, two and
/// more rows (the one- and two-row kernels, and the 8 × 32 blocks); dropped by any change to the
/// weights; and a packed tagger predicts what the unpacked one does.
@Suite(.enabled(if: PackedWeights.isAvailable, "needs AVX2 and FMA (TAGCLI_KERNELS=portable turns them off)"))
struct InferencePackingTests {
  static func layer(_ kind: CellKind, seed: UInt64) -> RecurrentLayer {
    var rng = SplitMix64(seed: seed)
    return RecurrentLayer(kind: kind, inputSize: 7, hiddenSize: 20, using: &rng)
  }

  @Test(arguments: CellKind.allCases)
  func packedLayersRunLikeUnpackedOnes(kind: CellKind) {
    let plain = Self.layer(kind, seed: 11)
    var packed = plain
    packed.packForInference()
    #expect(packed.isPackedForInference && !plain.isPackedForInference)
    #expect(packed == plain, "packing is not a change of parameters")
    var rng = SplitMix64(seed: 12)
    // Steps of 5, 4, 2 and 1 rows (and a one-sentence batch of one-row steps).
    for lengths in [[6, 1, 3, 4, 2], [9], [2, 2]] {
      let batch = SequenceBatch(lengths: lengths)
      let x = Matrix.random(rows: batch.rowCount, columns: 7, using: &rng)
      for reversed in [false, true] {
        let expected = plain.forward(x, batch: batch, reversed: reversed).hidden
        let actual = packed.forward(x, batch: batch, reversed: reversed).hidden
        expectClose(
          actual.elements, expected.elements, relative: 1e-5, absolute: 1e-5,
          "\(kind) \(lengths) reversed \(reversed)")
      }
    }
    // Incremental steps (sampling, beam search): one row and three.
    for batchSize in [1, 3] {
      let input = Matrix.random(rows: batchSize, columns: 7, using: &rng)
      let start = RecurrentState(
        hidden: Matrix.random(rows: batchSize, columns: 20, using: &rng),
        cell: kind == .lstm ? Matrix.random(rows: batchSize, columns: 20, using: &rng) : nil)
      var expected = start
      var actual = start
      plain.step(projectedInput: plain.projectInput(input), state: &expected)
      packed.step(projectedInput: packed.projectInput(input), state: &actual)
      expectClose(
        actual.hidden.elements, expected.hidden.elements, relative: 1e-5, absolute: 1e-5,
        "\(kind) step of \(batchSize)")
    }
  }

  @Test func anyChangeToTheWeightsDropsThePackedCopy() {
    var layer = Self.layer(.lstm, seed: 13)
    layer.packForInference()
    layer.bx[0, 0] += 1
    #expect(layer.isPackedForInference, "biases are not packed")
    layer.wx[0, 0] += 1
    #expect(!layer.isPackedForInference, "wx changed")
    layer.packForInference()
    layer.updateParameters { $0.storage[0] -= 0.5 }
    #expect(!layer.isPackedForInference, "an optimiser's update through updateParameters")
    layer.packForInference()
    layer[keyPath: layer.parameterPaths[1].path].storage[3] = 2
    #expect(!layer.isPackedForInference, "wh changed through its key path")
    // The changed weights are the ones used: packing again gives the unpacked outputs.
    let batch = SequenceBatch(lengths: [3])
    var rng = SplitMix64(seed: 14)
    let x = Matrix.random(rows: 3, columns: 7, using: &rng)
    var repacked = layer
    repacked.packForInference()
    expectClose(
      repacked.forward(x, batch: batch, reversed: false).hidden.elements,
      layer.forward(x, batch: batch, reversed: false).hidden.elements, relative: 1e-5,
      absolute: 1e-5)
  }

  /// A two-layer tagger with a character encoder, packed and loaded for inference: the same
  /// tags, probabilities within rounding, one sentence at a time and in batches.
  @Test func aPackedTaggerPredictsWhatTheUnpackedOneDoes() throws {
    var options = TaggerSamples.tinyOptions()
    options.configuration.layerCount = 2
    options.maxEpochs = 4
    let model = try TaggerSamples.trainedModel(options: options)
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("tiny.tagger").path
    try ModelFile.save(model, to: path)
    let plain = try ModelFile.load(from: path)
    let packed = try ModelFile.loadForInference(from: path)
    #expect(packed.network.stack.layers.allSatisfy { $0.forward.isPackedForInference })
    #expect(packed.network.characters?.backwardLayer.isPackedForInference == true)
    #expect(!plain.network.stack.layers[0].forward.isPackedForInference)
    let sentences = TaggerSamples.sentences.map(\.words) + [["cat"], ["the", "dog", "sleeps"]]
    for batchSize in [1, 32] {
      let expected = plain.predictInBatches(sentences, topK: 3, sentencesPerBatch: batchSize)
      let actual = packed.predictInBatches(sentences, topK: 3, sentencesPerBatch: batchSize)
      #expect(actual.map { $0.map(\.tag) } == expected.map { $0.map(\.tag) })
      expectClose(
        actual.flatMap { $0.map(\.probability) }, expected.flatMap { $0.map(\.probability) },
        relative: 1e-5, absolute: 1e-5, "batches of \(batchSize)")
    }
  }
}
