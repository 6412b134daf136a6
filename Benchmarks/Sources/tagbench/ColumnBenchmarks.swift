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
    try reportReadingThroughput(name, path: path, runs: 5) { try ColumnReader(path: path) }
  }
}
