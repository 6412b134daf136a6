import Corpora
import Foundation

/// Reading throughput of the column reader on CoNLL-2000 train and CoNLL-2002 Spanish train.
func runColumnBenchmarks() throws {
  guard let data = sharedDataPath() else {
    print("columns: ../shared/data missing, skipped")
    return
  }
  let cases = [
    ("columns read CoNLL-2000 train", data + "/conll/conll2000/train.txt"),
    ("columns read CoNLL-2002 esp.train", data + "/conll/conll2002/esp.train"),
  ]
  for (name, path) in cases {
    let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    var tokens = 0
    let seconds = try medianSeconds(runs: 5) {
      var reader = try ColumnReader(path: path)
      tokens = 0
      while let sentence = try reader.next() { tokens += sentence.tokens.count }
    }
    report(
      name, size: "\(tokens) tokens", seconds: seconds,
      throughput: String(
        format: "%.0f tokens/s  %.1f MB/s", Double(tokens) / seconds,
        Double(bytes) / seconds / 1e6))
  }
}
