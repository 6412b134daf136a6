import Corpora
import Foundation

/// Reading throughput of the CoNLL-U reader on EWT train.
func runCoNLLUBenchmarks() throws {
  guard let data = sharedDataPath() else {
    print("conllu: ../shared/data missing, skipped")
    return
  }
  let path = data + "/ud/en_ewt/en_ewt-ud-train.conllu"
  try reportReadingThroughput("conllu read EWT train", path: path, runs: 5) {
    try CoNLLUReader(path: path)
  }
}
