import Foundation
import Testing

@testable import Tagger
@testable import tagcli

/// `tagcli calibrate`: the fitted temperature is stored, tags do not change, and the model given
/// with -m is never written over.
@Suite(.serialized) struct CalibrateCommandTests {
  @Test func theTemperatureIsStoredAndTagsStayTheSame() throws {
    let gold = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let output = directory.appendingPathComponent("calibrated.tagger").path
      let result = try CorpusCommandSupport.run(
        ["calibrate", "-m", ShippedModelTests.modelPath, gold, "-o", output])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("temperature "), "\(result.stdout)")

      let original = try ModelFile.load(from: ShippedModelTests.modelPath)
      let calibrated = try ModelFile.load(from: output)
      let temperature = try #require(calibrated.decodingDefaults.temperature)
      #expect(temperature > 0 && temperature != 1)
      #expect(temperature == original.fittedTemperature(
        on: try goldTaggedSentences(gold, corpus: CorpusOptions.parse([]), model: original)))

      let sentence = "The quick brown fox jumps over the lazy dog .\n"
      let before = try CorpusCommandSupport.run(
        ["tag", "-m", ShippedModelTests.modelPath, "--pretokenized"], input: sentence)
      let after = try CorpusCommandSupport.run(
        ["tag", "-m", output, "--pretokenized"], input: sentence)
      #expect(before.status == 0 && after.status == 0)
      #expect(before.stdout == after.stdout, "calibration changes probabilities, not tags")

      let evaluated = try CorpusCommandSupport.run(["eval", "-m", output, gold])
      #expect(evaluated.stdout.contains("stored in the model"), "\(evaluated.stdout)")
    }
  }

  @Test func theModelIsNeverWrittenOver() throws {
    let gold = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("m.tagger").path
      try FileManager.default.copyItem(atPath: ShippedModelTests.modelPath, toPath: model)
      let before = try Data(contentsOf: URL(fileURLWithPath: model))
      let result = try CorpusCommandSupport.run(["calibrate", "-m", model, gold, "-o", model])
      #expect(result.status != 0)
      #expect(result.stderr.contains("is also an input"), "\(result.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
    }
  }

  @Test func aCorpusWithoutSentencesIsRefused() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let empty = directory.appendingPathComponent("empty.conllu").path
      try "".write(toFile: empty, atomically: true, encoding: .utf8)
      let output = directory.appendingPathComponent("out.tagger").path
      let result = try CorpusCommandSupport.run(
        ["calibrate", "-m", ShippedModelTests.modelPath, empty, "-o", output])
      #expect(result.status != 0)
      #expect(result.stderr.contains("no sentences found"), "\(result.stderr)")
      #expect(result.stderr.contains(empty), "the error names the file: \(result.stderr)")
      #expect(!result.stderr.contains("Usage:"), "a data error, not a usage error: \(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: output))
    }
  }
}
