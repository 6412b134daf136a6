import Corpora
import Foundation
import Tagger

/// Tagging throughput of the decoders on CoNLL-2000 test (23 chunk tags, POS as an input
/// feature), reference network size: a softmax model and a CRF model that differ only in the
/// output layer, each decoded in several ways. The cases run interleaved, five rounds, and the
/// median per case is reported, so that load from other processes hits every case alike.
func runDecodingBenchmarks() throws {
  guard let data = sharedDataPath() else {
    print("decoding: ../shared/data missing, skipped")
    return
  }
  let train = try readChunks(data + "/conll/conll2000/train.txt")
  let test = try readChunks(data + "/conll/conll2000/test.txt")
  let inputs = test.map(\.input)
  let tokens = inputs.reduce(0) { $0 + $1.words.count }
  let softmax = untrainedModel(decoder: .softmax, training: train)
  var crf = untrainedModel(decoder: .crf, training: train)
  // Random transition scores: Viterbi's cost does not depend on them, but they keep it honest.
  var rng = SplitMix64(seed: 5)
  for entry in crf.network.parameterPaths where entry.name.hasPrefix("crf.") {
    let shape = crf.network[keyPath: entry.path]
    crf.network[keyPath: entry.path] = Matrix(
      rows: shape.rows, columns: shape.columns,
      storage: (0..<shape.count).map { _ in rng.nextFloat(in: -1, 1) })
  }
  let cases: [(name: String, run: () throws -> Void)] = [
    ("softmax greedy, no constraint", { try tag(softmax, inputs, .greedy, .none, false) }),
    ("softmax greedy, bio", { try tag(softmax, inputs, .greedy, .bio, false) }),
    ("softmax beam:4, bio", { try tag(softmax, inputs, .beam(width: 4), .bio, false) }),
    ("softmax viterbi, bio", { try tag(softmax, inputs, .viterbi, .bio, false) }),
    ("crf viterbi, bio", { try tag(crf, inputs, .viterbi, .bio, false) }),
    ("crf viterbi, no constraint", { try tag(crf, inputs, .viterbi, .none, false) }),
    ("crf beam:4, bio", { try tag(crf, inputs, .beam(width: 4), .bio, false) }),
    ("softmax greedy + probs", { try tag(softmax, inputs, .greedy, .bio, true) }),
    ("crf viterbi + marginals", { try tag(crf, inputs, .viterbi, .bio, true) }),
  ]
  var times = [[Double]](repeating: [], count: cases.count)
  for _ in 0..<5 {
    for (index, item) in cases.enumerated() {
      times[index].append(try medianSeconds(runs: 1, item.run))
    }
  }
  for (index, item) in cases.enumerated() {
    let median = times[index].sorted()[times[index].count / 2]
    report(
      "tag " + item.name, size: "CoNLL-2000 test \(tokens) tok", seconds: median,
      throughput: String(format: "%.0f tokens/s", Double(tokens) / median))
  }
}

private func tag(
  _ model: TaggerModel, _ inputs: [TaggerInput], _ method: DecodeMethod,
  _ constraint: SpanConstraint, _ probabilities: Bool
) throws {
  let decoding = try model.decoding(method: method, constraint: constraint)
  _ = model.predictInBatches(
    inputs, decoding: decoding, computesProbabilities: probabilities, sentencesPerBatch: 32)
}

private func untrainedModel(decoder: TagDecoder, training: [TaggedSentence]) -> TaggerModel {
  var options = TrainingOptions()
  options.configuration.decoder = decoder
  options.configuration.features = [InputFeature(layer: .name("pos"), embeddingSize: 20)]
  options.seed = 1
  options.threads = 2
  return Trainer(training: training, dev: [], options: options, tagLayer: .name("chunk")).state.model
}

private func readChunks(_ path: String) throws -> [TaggedSentence] {
  var reader = try ColumnReader(path: path)
  var sentences: [TaggedSentence] = []
  while let sentence = try reader.next() {
    sentences.append(TaggedSentence(sentence, tagColumn: 2, featureColumns: [1]))
  }
  return sentences
}
