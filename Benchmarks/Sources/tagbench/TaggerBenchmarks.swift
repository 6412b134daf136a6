import Corpora
import Foundation
import Tagger

/// Whole-tagger throughput for the reference configuration (word 100, char 32/50, 2×128 BiLSTM)
/// and for each cell kind: training tokens/s (forward + backward + Adam) and tagging tokens/s,
/// batched and one sentence at a time.
func runTaggerBenchmarks() throws {
  try benchmarkModelLoading()
  guard let data = sharedDataPath() else {
    print("tagger: ../shared/data missing, skipped")
    return
  }
  let train = try readTagged(data + "/ud/en_ewt/en_ewt-ud-train.conllu")
  let dev = try readTagged(data + "/ud/en_ewt/en_ewt-ud-dev.conllu")
  for cell in ["lstm", "gru", "rnn"] {
    for threads in cell == "lstm" ? [1, 2] : [2] {
      try benchmarkTagger(cell: cell, threads: threads, train: train, dev: dev)
    }
  }
}

private func readTagged(_ path: String) throws -> [TaggedSentence] {
  var reader = try CoNLLUReader(path: path)
  var sentences: [TaggedSentence] = []
  while let sentence = try reader.next() {
    sentences.append(TaggedSentence(sentence, tagColumn: 3))
  }
  return sentences
}

private func benchmarkTagger(
  cell: String, threads: Int, train: [TaggedSentence], dev: [TaggedSentence]
) throws {
  var options = TrainingOptions()
  options.configuration.cell = cell
  options.threads = threads
  options.maxEpochs = 1
  options.seed = 1
  var trainer = Trainer(
    training: train, dev: Array(dev.prefix(50)), options: options, tagLayer: .name("upos"))
  let batchLimit = 120
  var speeds: [Double] = []
  var batchSeconds: [Double] = []
  var stopped = false
  var lastTokens = 0
  var lastTime = Date()
  _ = try trainer.train(
    onEvent: { event in
      guard case .batch(let progress) = event else { return }
      // Skip the first 20 batches (warm-up), then time each batch.
      let now = Date()
      if progress.batchesDone > 20 {
        speeds.append(Double(progress.tokensDone - lastTokens) / now.timeIntervalSince(lastTime))
        batchSeconds.append(now.timeIntervalSince(lastTime))
      }
      lastTokens = progress.tokensDone
      lastTime = now
      if progress.batchesDone >= batchLimit { stopped = true }
    }, shouldStop: { stopped }, saveBest: { _ in }, saveCheckpoint: { _ in })
  speeds.sort()
  batchSeconds.sort()
  let name = "\(cell) train (threads \(threads))"
  report(
    name, size: "\(batchLimit - 20) batches of 32", seconds: batchSeconds[batchSeconds.count / 2],
    throughput: String(format: "%.0f tokens/s (median per batch)", speeds[speeds.count / 2]))

  let model = trainer.state.model
  let sentences = dev.map(\.words)
  let tokens = sentences.reduce(0) { $0 + $1.count }
  let batched = medianSeconds(runs: 3) { _ = model.tagInBatches(sentences, sentencesPerBatch: 64) }
  report(
    "\(cell) tag batched (threads \(threads))", size: "EWT dev \(tokens) tokens", seconds: batched,
    throughput: String(format: "%.0f tokens/s", Double(tokens) / batched))
  let single = medianSeconds(runs: 3) {
    for sentence in sentences.prefix(500) { _ = model.tags([sentence]) }
  }
  let singleTokens = sentences.prefix(500).reduce(0) { $0 + $1.count }
  report(
    "\(cell) tag 1 sentence (threads \(threads))", size: "\(singleTokens) tokens", seconds: single,
    throughput: String(format: "%.0f tokens/s", Double(singleTokens) / single))
}

/// Loading the shipped model (the tag command does it on every start).
private func benchmarkModelLoading() throws {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let path = root.appendingPathComponent("models/en_ewt-upos.tagger").path
  guard FileManager.default.fileExists(atPath: path) else {
    print("model load: \(path) missing, skipped")
    return
  }
  let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
  let seconds = try medianSeconds(runs: 9) { _ = try ModelFile.load(from: path) }
  report(
    "load shipped model", size: String(format: "%.1f MB", Double(bytes) / 1e6), seconds: seconds,
    throughput: String(format: "%.0f ms", seconds * 1000))
}
