import Foundation
import Tagger

/// Character language model: sampling throughput on one core (OpenBLAS held to one thread),
/// one line at a time (B = 1, as a chat-style generator runs) and 64 lines at once, for the
/// peer's architecture (one-hot input, LSTM 2×128) and the default one; wall clock and CPU time.
///
/// The model is the one at `$LM_MODEL` when set (a trained model gives realistic line lengths),
/// else a seeded random model over 113 symbols (EWT's count). Characters are generated symbols
/// plus one `<eos>` per finished line.
func runLanguageModelBenchmarks() throws {
  Matrix.setBLASThreads(1)
  var models: [(String, CharacterLanguageModel)] = []
  if let path = ProcessInfo.processInfo.environment["LM_MODEL"] {
    models.append(((path as NSString).lastPathComponent, try LanguageModelFile.load(from: path)))
  } else {
    let scalars = (0..<109).compactMap { Unicode.Scalar(32 + $0) }
    var peer = LanguageModelConfiguration()
    peer.input = .onehot
    peer.hiddenSize = 128
    peer.dropout = 0
    for (name, configuration) in [
      ("lm 2x128 onehot", peer), ("lm default", LanguageModelConfiguration()),
    ] {
      var rng = SplitMix64(seed: 1)
      let vocabulary = CharacterVocabulary(scalars: scalars)
      let decoder = RecurrentDecoder(
        configuration: configuration, vocabularySize: vocabulary.count, using: &rng)
      models.append(
        (
          name,
          CharacterLanguageModel(
            configuration: configuration, vocabulary: vocabulary, decoder: decoder,
            provenance: .init(seed: 1, trainingLines: 0, trainingCharacters: 0))
        ))
    }
  }
  for (name, model) in models {
    for batch in [1, 64] {
      var characters = 0
      let lines = batch == 1 ? 50 : 256
      let cpuStart = processCPUSeconds()
      let seconds = medianSeconds(runs: 3) {
        var rng = SplitMix64(seed: 7)
        characters = 0
        for _ in 0..<(lines / batch) {
          let samples = model.generate(
            count: batch, prefix: [], strategy: .multinomial(temperature: 1, topK: nil),
            maxLength: 300, using: &rng)
          characters += samples.reduce(0) { $0 + $1.symbols.count + ($1.isComplete ? 1 : 0) }
        }
      }
      // CPU time of the three runs: the machine is shared, so wall time overstates the cost.
      let cpuSeconds = (processCPUSeconds() - cpuStart) / 3
      report(
        "\(name) sample B=\(batch)", size: "\(lines) lines, \(characters) chars",
        seconds: seconds,
        throughput: String(
          format: "%.0f chars/s, %.0f chars/CPU-s", Double(characters) / seconds,
          Double(characters) / cpuSeconds))
    }
  }
}

/// The CPU time this process has used, in seconds.
func processCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
