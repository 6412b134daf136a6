import Foundation
import Testing

/// `train` refuses networks that would not fit in memory, saying how much they would need.
@Suite struct TrainSizeLimitTests {
  @Test(arguments: [
    ["--hidden", "100000000"], ["--layers", "100000"], ["--word-dim", "4000000000000000000"],
  ])
  func hugeNetworkIsRefusedWithTheMemoryItNeeds(size: [String]) throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("huge.tagger").path
      let run = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--seed", "1", "-o", model] + size)
      #expect(run.status == 1)
      #expect(run.stderr.contains("this network would need"), "\(run.stderr)")
      #expect(run.stderr.contains("but this machine has"), "\(run.stderr)")
      #expect(!FileManager.default.fileExists(atPath: model))
    }
  }
}
