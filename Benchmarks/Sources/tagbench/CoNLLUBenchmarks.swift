import Corpora
import Foundation

/// Reading throughput of the CoNLL-U reader on EWT train.
func runCoNLLUBenchmarks() throws {
  guard let data = sharedDataPath() else {
    print("conllu: ../shared/data missing, skipped")
    return
  }
  let path = data + "/ud/en_ewt/en_ewt-ud-train.conllu"
  let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
  var tokens = 0
  let seconds = try medianSeconds(runs: 5) {
    var reader = try CoNLLUReader(path: path)
    tokens = 0
    while let sentence = try reader.next() { tokens += sentence.tokens.count }
  }
  report(
    "conllu read EWT train", size: "\(tokens) tokens", seconds: seconds,
    throughput: String(
      format: "%.0f tokens/s  %.1f MB/s", Double(tokens) / seconds,
      Double(bytes) / seconds / 1e6))
}
