import Foundation
import Testing

@testable import Tagger

/// `tagcli train --preset fast`: one small layer and hashed affixes instead of the character
/// encoder, saved and loaded like any model; options given explicitly override the preset.
@Suite struct FastPresetTests {
  static let training = [
    "--dropout", "0", "--word-dropout", "0", "--min-word-count", "1", "--lr", "0.05",
    "--batch-size", "2", "--seed", "7", "--tag", "upos", "--lr-decay", "1", "--average", "0",
    "--epochs", "12", "--patience", "100",
  ]

  @Test func fastPresetTrainsATaggerWithAffixesAndNoCharacterEncoder() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("fast.tagger").path
      let trained = try CorpusCommandSupport.run(
        ["train", train, "--dev", train, "--preset", "fast", "-o", model] + Self.training)
      #expect(trained.status == 0, "\(trained.stderr)")
      let loaded = try ModelFile.load(from: model)
      #expect(loaded.configuration.layerCount == 1)
      #expect(loaded.configuration.hiddenSize == 64)
      #expect(loaded.network.characters == nil)
      #expect(loaded.network.affixEncoder?.affixes.dimension == 50)
      #expect(loaded.network.affixEncoder?.shapes.dimension == 16)
      // It learns the tiny corpus, and tags an unseen word through its affixes and shape.
      #expect(trained.stdout.contains("best"), "\(trained.stdout)")
      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized"], input: "the old dog runs .\nthe Zorblats sleep\n")
      #expect(tagged.status == 0, "\(tagged.stderr)")
      let expected = loaded.tags([["the", "old", "dog", "runs", "."], ["the", "Zorblats", "sleep"]])
      let lines = tagged.stdout.split(separator: "\n").map {
        $0.split(separator: " ").map { String($0.split(separator: "/").last ?? "") }
      }
      #expect(lines == expected)
    }
  }

  @Test func explicitOptionsOverrideThePreset() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("mixed.tagger").path
      let trained = try CorpusCommandSupport.run(
        [
          "train", train, "--dev", train, "--preset", "fast", "--hidden", "8", "--char-hidden",
          "4", "--affix-dim", "6", "--shape-dim", "2", "--affix-buckets", "101", "-o", model,
        ] + Self.training.map { $0 == "12" ? "2" : $0 })
      #expect(trained.status == 0, "\(trained.stderr)")
      let loaded = try ModelFile.load(from: model)
      #expect(loaded.configuration.hiddenSize == 8)
      #expect(loaded.network.characters?.hiddenSize == 4)
      #expect(loaded.network.affixEncoder?.affixes.vocabularySize == 101)
      #expect(loaded.network.affixEncoder?.shapes.dimension == 2)
    }
  }

  @Test func badAffixOptionsAreRefused() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    for (option, value, message) in [
      ("--affix-dim", "-1", "--affix-dim must be 0"), ("--affix-buckets", "2", "--affix-buckets"),
      ("--preset", "tiny", "preset"),
    ] {
      let result = try CorpusCommandSupport.run(
        ["train", train, "\(option)=\(value)", "-o", "/dev/null/x"])
      #expect(result.status != 0)
      #expect(result.stderr.contains(message), "\(option) \(value): \(result.stderr)")
    }
  }
}
