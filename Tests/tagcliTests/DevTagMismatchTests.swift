import Foundation
import Testing

/// `train --dev` whose gold tags training never shows: a few give a warning, more than half of
/// the dev tokens stop training (a different tag set or layer) unless `--allow-dev-mismatch`.
@Suite struct DevTagMismatchTests {
  /// `train-tiny.conllu` with its UPOS column replaced by `transform` of each token's columns.
  static func writeDev(
    to path: String, from train: String, _ transform: ([Substring]) -> [Substring]
  ) throws {
    let lines = try String(contentsOfFile: train, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { line -> String in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        return fields.count == 10 ? transform(fields).joined(separator: "\t") : String(line)
      }
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
  }

  @Test func aFewUnknownDevTagsAreAWarning() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let dev = directory.appendingPathComponent("dev.conllu").path
      try Self.writeDev(to: dev, from: train) { fields in
        var fields = fields
        if fields[3] == "ADJ" || fields[3] == "ADV" { fields[3] = "X" }
        return fields
      }
      let model = directory.appendingPathComponent("m.tagger").path
      let result = try CorpusCommandSupport.run(
        ["train", train, "--dev", dev, "-o", model, "--epochs", "1"]
          + TrainAndTagCommandTests.tinyNetwork)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(
        result.stderr.contains(
          "warning: 2 of 17 dev tokens (11.8 %) have tags that training never shows: X (2)"),
        "\(result.stderr)")
      #expect(FileManager.default.fileExists(atPath: model))
    }
  }

  @Test func devTagsFromAnotherLayerStopTraining() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let dev = directory.appendingPathComponent("dev-xpos.conllu").path
      try Self.writeDev(to: dev, from: train) { fields in
        var fields = fields
        fields[3] = fields[4]  // the Penn tags where UPOS belongs
        return fields
      }
      let model = directory.appendingPathComponent("m.tagger").path
      let refused = try CorpusCommandSupport.run(
        ["train", train, "--dev", dev, "-o", model, "--epochs", "1"]
          + TrainAndTagCommandTests.tinyNetwork)
      #expect(refused.status != 0)
      #expect(
        refused.stderr.contains(
          "100.0 % of the dev tokens (17 of 17) in \(dev) have tags that the training data "
            + "\(train) never shows: . (3), DT (3), NN (3), VBZ (3), JJ (1)"), "\(refused.stderr)")
      #expect(refused.stderr.contains("--tag (now upos)"))
      #expect(refused.stderr.contains("--allow-dev-mismatch"))
      #expect(!FileManager.default.fileExists(atPath: model), "nothing was trained")
      #expect(!FileManager.default.fileExists(atPath: model + ".checkpoint"))

      let allowed = try CorpusCommandSupport.run(
        ["train", train, "--dev", dev, "-o", model, "--epochs", "1", "--allow-dev-mismatch"]
          + TrainAndTagCommandTests.tinyNetwork)
      #expect(allowed.status == 0, "\(allowed.stderr)")
      #expect(allowed.stderr.contains("warning: 17 of 17 dev tokens (100.0 %)"))
      #expect(FileManager.default.fileExists(atPath: model))
    }
  }
}
