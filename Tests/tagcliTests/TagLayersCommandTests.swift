import Foundation
import Testing

@testable import Tagger
@testable import tagcli

/// End to end: `train --tag upos,xpos,feats` writes one network with a head per layer; `tag`
/// fills every layer, `eval` scores each layer and AllTags; bad layers fail clearly.
@Suite(.serialized) struct TagLayersCommandTests {
  static let tinyNetwork = [
    "--layers", "1", "--hidden", "12", "--word-dim", "8", "--char-hidden", "0", "--dropout", "0",
    "--word-dropout", "0", "--min-word-count", "1", "--lr", "0.05", "--batch-size", "2",
    "--seed", "7", "--lr-decay", "1", "--average", "0", "--patience", "100",
  ]

  /// `train` of the tiny network on `corpus` (its own dev set) for `tag`, 40 epochs, into `model`.
  static func trainTiny(_ corpus: String, tag: String, to model: String) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    try CorpusCommandSupport.run(
      ["train", corpus, "--dev", corpus, "--tag", tag, "--epochs", "40", "-o", model]
        + tinyNetwork)
  }

  /// The JSON object a command printed.
  static func object(_ result: (status: Int32, stdout: String, stderr: String)) throws
    -> [String: Any]
  {
    try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
      "\(result.stderr)")
  }

  @Test func threeLayersTrainTagAndEvaluate() throws {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("morph.tagger").path
      let training = try Self.trainTiny(corpus, tag: "upos,xpos,feats", to: model)
      #expect(training.status == 0, "\(training.stderr)")
      #expect(training.stdout.contains("AllTags"), "\(training.stdout)")
      let loaded = try ModelFile.load(from: model)
      #expect(loaded.heads.tagLayers == [.name("upos"), .name("xpos"), .name("feats")])
      #expect(loaded.layerTagSets[0].tags.contains("VBZ"))
      #expect(loaded.layerTagSets[1].tags.contains("Number=Plur"))

      // CoNLL-U in, CoNLL-U out: every trained column is filled, the rest is kept.
      let blanked = directory.appendingPathComponent("blank.conllu").path
      let text = try String(contentsOfFile: corpus, encoding: .utf8)
      let blankLines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        var fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 10 else { return String(line) }
        (fields[3], fields[4], fields[5]) = ("_", "_", "_")
        return fields.joined(separator: "\t")
      }
      try blankLines.joined(separator: "\n").write(
        toFile: blanked, atomically: true, encoding: .utf8)
      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "conllu", blanked])
      #expect(tagged.status == 0, "\(tagged.stderr)")
      #expect(tagged.stdout == text, "a model that learned its data gives the gold columns back")

      let raw = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--output", "conllu"], input: "the dog runs .\n")
      #expect(raw.status == 0, "\(raw.stderr)")
      #expect(
        raw.stdout.contains("2\tdog\t_\tNOUN\tNN\tNumber=Sing\t_\t_\t_\t_\n"), "\(raw.stdout)")
      let wordTag = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized"], input: "dogs run\n")
      #expect(wordTag.stdout == "dogs/NOUN run/VERB\n", "word/TAG keeps the first layer")

      let evaluated = try CorpusCommandSupport.run(["eval", corpus, "-m", model, "--json"])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      let object = try Self.object(evaluated)
      let layers = try #require(object["layers"] as? [String: [String: Any]])
      #expect(Set(layers.keys) == ["upos", "xpos", "feats"])
      #expect(layers["feats"]?["accuracy"] as? Double == 100)
      let allTags = try #require(object["alltags"] as? [String: Any])
      #expect(allTags["accuracy"] as? Double == 100)
      #expect(allTags["tokens"] as? Int == 32)

      // One layer of a several-layer model: --tag picks which of its predictions is scored.
      let xpos = try CorpusCommandSupport.run([
        "eval", corpus, "-m", model, "--tag", "xpos", "--json",
      ])
      let xposObject = try Self.object(xpos)
      #expect(xposObject["accuracy"] as? Double == 100, "\(xpos.stdout.prefix(300))")
      #expect((xposObject["tags"] as? [String: Any])?["VBZ"] != nil)

      // Some layers of a several-layer model, in any order.
      let some = try CorpusCommandSupport.run(
        ["eval", corpus, "-m", model, "--tag", "feats,upos", "--json"])
      #expect(some.status == 0, "\(some.stderr)")
      let someObject = try Self.object(some)
      let someLayers = try #require(someObject["layers"] as? [String: [String: Any]])
      #expect(Set(someLayers.keys) == ["feats", "upos"])
      #expect((someLayers["feats"]?["tags"] as? [String: Any])?["Number=Plur"] != nil)
      let unknown = try CorpusCommandSupport.run([
        "eval", corpus, "-m", model, "--tag", "upos,lemma",
      ])
      #expect(unknown.status != 0)
      #expect(unknown.stderr.contains("which it does not all fill"), "\(unknown.stderr)")

      let table = try CorpusCommandSupport.run(["eval", corpus, "-m", model])
      #expect(table.stdout.contains("AllTags"), "\(table.stdout)")
      #expect(table.stdout.contains("— feats —"), "\(table.stdout)")
    }
  }

  /// `eval -m` scores the layer a one-layer model was trained on, as `tag` fills it, so a
  /// model of XPOS is not scored (or refused) against the default layer, UPOS.
  @Test func evalScoresAOneLayerModelOnItsOwnLayer() throws {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("xpos.tagger").path
      let training = try Self.trainTiny(corpus, tag: "xpos", to: model)
      #expect(training.status == 0, "\(training.stderr)")
      let evaluated = try CorpusCommandSupport.run(["eval", corpus, "-m", model, "--json"])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      let object = try Self.object(evaluated)
      #expect(object["accuracy"] as? Double == 100, "\(evaluated.stdout.prefix(300))")
      let tags = try #require(object["tags"] as? [String: Any])
      #expect(tags["VBZ"] != nil && tags["VERB"] == nil, "\(tags.keys.sorted())")
      let text = try CorpusCommandSupport.run(["eval", corpus, "-m", model])
      #expect(text.stdout.contains("xpos"), "the heading names the scored layer: \(text.stdout)")
      // A gold file without an XPOS layer (word/TAG lines) is scored on its one tag layer.
      let wordTag = directory.appendingPathComponent("gold.txt").path
      try "the/DT dog/NN runs/VBZ ./.\n".write(toFile: wordTag, atomically: true, encoding: .utf8)
      let plain = try CorpusCommandSupport.run(["eval", wordTag, "-m", model, "--json"])
      #expect(plain.status == 0, "\(plain.stderr)")
      #expect(try Self.object(plain)["accuracy"] as? Double == 100, "\(plain.stdout.prefix(300))")
      // --tag still chooses: the model's XPOS against gold UPOS is refused as a mismatch.
      let upos = try CorpusCommandSupport.run(["eval", corpus, "-m", model, "--tag", "upos"])
      #expect(upos.status != 0)
      #expect(upos.stderr.contains("--allow-tag-mismatch"), "\(upos.stderr)")
    }
  }

  @Test func lemmasComeFromTheDictionaryLearnedInTraining() throws {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("lemma.tagger").path
      let training = try Self.trainTiny(corpus, tag: "upos,lemma", to: model)
      #expect(training.status == 0, "\(training.stderr)")
      #expect(
        training.stdout.contains("lemmas answered by: dictionary 100.0 %"), "\(training.stdout)")
      let loaded = try ModelFile.load(from: model)
      #expect(loaded.heads.outputLayers == [.name("upos"), .name("lemma")])
      #expect(loaded.layerTagSets.isEmpty && loaded.network.layerClassifiers.isEmpty)

      let raw = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--output", "conllu"], input: "the dogs slept Ana\n")
      #expect(raw.status == 0, "\(raw.stderr)")
      #expect(raw.stdout.contains("2\tdogs\tdog\tNOUN\t"), "\(raw.stdout)")
      #expect(raw.stdout.contains("3\tslept\tsleep\tVERB\t"), "\(raw.stdout)")

      let evaluated = try CorpusCommandSupport.run(["eval", corpus, "-m", model, "--json"])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      let object = try Self.object(evaluated)
      let layers = try #require(object["layers"] as? [String: [String: Any]])
      #expect(layers["lemma"]?["accuracy"] as? Double == 100)
      #expect((object["lemma_sources"] as? [String: Int])?["dictionary"] == 32)

      let lemmaFirst = try CorpusCommandSupport.run(
        [
          "train", corpus, "--tag", "lemma,upos", "-o",
          CorpusCommandSupport.neverWrittenPath("tagger"),
        ])
      #expect(lemmaFirst.status != 0)
      #expect(lemmaFirst.stderr.contains("put a tag layer first"), "\(lemmaFirst.stderr)")
    }
  }

  @Test func theLemmaDecoderAnswersWordsTheDictionaryDoesNotKnow() throws {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("decoder.tagger").path
      let training = try CorpusCommandSupport.run(
        [
          "train", corpus, "--dev", corpus, "--tag", "upos,lemma", "--epochs", "40",
          "--lemma-epochs", "60", "-o", model,
        ] + Self.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      #expect(
        training.stdout.contains("lemma decoder: 14 distinct training words"), "\(training.stdout)")
      #expect(training.stdout.contains("lemma epoch  60"), "\(training.stdout)")
      #expect(try ModelFile.load(from: model).lemmaDecoder != nil)

      // "cags" is unknown (its characters are not): the decoder writes its lemma, and eval says so.
      let gold = directory.appendingPathComponent("unknown.conllu").path
      try """
      1	the	the	DET	DT	_	0	dep	_	_
      2	cags	cags	NOUN	NN	_	1	dep	_	_
      3	runs	run	VERB	VBZ	_	1	dep	_	_

      """.write(toFile: gold, atomically: true, encoding: .utf8)
      for beam in ["1", "4"] {
        let evaluated = try CorpusCommandSupport.run(
          ["eval", gold, "-m", model, "--json", "--lemma-beam", beam])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let sources = try Self.object(evaluated)["lemma_sources"] as? [String: Int]
        #expect(
          sources?["decoder"] == 1 && sources?["dictionary"] == 2, "\(String(describing: sources))")
        let tagged = try CorpusCommandSupport.run(
          ["tag", "-m", model, "--pretokenized", "--output", "conllu", "--lemma-beam", beam],
          input: "the cags runs\n")
        #expect(tagged.status == 0, "\(tagged.stderr)")
        let lemma = tagged.stdout.split(separator: "\n").first { $0.hasPrefix("2\t") }?
          .split(separator: "\t")[2]
        #expect(lemma.map { !$0.isEmpty && $0 != "_" } == true, "\(tagged.stdout)")
      }

      let noDecoder = directory.appendingPathComponent("rules.tagger").path
      let rules = try CorpusCommandSupport.run(
        [
          "train", corpus, "--dev", corpus, "--tag", "upos,lemma", "--epochs", "2",
          "--lemma-epochs", "0", "-o",
          noDecoder,
        ] + Self.tinyNetwork)
      #expect(rules.status == 0 && !rules.stdout.contains("lemma decoder"), "\(rules.stdout)")
      #expect(try ModelFile.load(from: noDecoder).lemmaDecoder == nil)

      for bad in [["--lemma-beam", "0"], ["--lemma-beam", "65"]] {
        let refused = try CorpusCommandSupport.run(["tag", "-m", model] + bad, input: "the\n")
        #expect(refused.status != 0 && refused.stderr.contains("--lemma-beam must be"))
      }
      let noDecoderBeam = try CorpusCommandSupport.run(
        ["tag", "-m", noDecoder, "--lemma-beam", "2"], input: "the\n")
      #expect(
        noDecoderBeam.status != 0
          && noDecoderBeam.stderr.contains("needs a model with a lemma decoder"),
        "\(noDecoderBeam.stderr)")
      let noLemmaLayer = try CorpusCommandSupport.run(
        [
          "train", corpus, "--tag", "upos", "--lemma-epochs", "3", "-o",
          CorpusCommandSupport.neverWrittenPath("tagger"),
        ])
      #expect(noLemmaLayer.status != 0 && noLemmaLayer.stderr.contains("--lemma-epochs trains"))
      let negative = try CorpusCommandSupport.run(
        [
          "train", corpus, "--tag", "upos,lemma", "--lemma-epochs=-1", "-o",
          CorpusCommandSupport.neverWrittenPath("tagger"),
        ])
      #expect(negative.status != 0 && negative.stderr.contains("--lemma-epochs must be"))
    }
  }

  @Test func featsSplitIntoOneHeadPerFeature() throws {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("split.tagger").path
      let training = try CorpusCommandSupport.run(
        [
          "train", corpus, "--dev", corpus, "--tag", "upos,feats", "--feats-as", "split",
          "--epochs", "40", "-o", model,
        ] + Self.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      let loaded = try ModelFile.load(from: model)
      let keys = try #require(loaded.heads.additionalTags?[0].featureKeys)
      #expect(
        keys.contains("Number") && keys.contains("Tense") && keys.count == loaded.layerTagSets.count
      )
      let evaluated = try CorpusCommandSupport.run(["eval", corpus, "-m", model, "--json"])
      let layers = try #require(try Self.object(evaluated)["layers"] as? [String: [String: Any]])
      #expect(layers["feats"]?["accuracy"] as? Double == 100, "\(evaluated.stdout.prefix(300))")
      let raw = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--output", "conllu"], input: "the dog runs .\n")
      #expect(
        raw.stdout.contains(
          "3\truns\t_\tVERB\t_\tMood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin\t"),
        "\(raw.stdout)")

      let noFeats = try CorpusCommandSupport.run(
        [
          "train", corpus, "--tag", "upos,xpos", "--feats-as", "split", "-o",
          CorpusCommandSupport.neverWrittenPath("tagger"),
        ])
      #expect(noFeats.status != 0 && noFeats.stderr.contains("--feats-as split needs feats"))
    }
  }

  @Test func lemmasFromACorpusWithoutThemAreRefused() throws {
    let corpus = try CorpusCommandSupport.fixture("labels-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      // labels-tiny has lemmas; blank them.
      let blank = directory.appendingPathComponent("nolemma.conllu").path
      let lines = try String(contentsOfFile: corpus, encoding: .utf8).split(
        separator: "\n", omittingEmptySubsequences: false
      ).map { line -> String in
        var fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        if fields.count == 10 { fields[2] = "_" }
        return fields.joined(separator: "\t")
      }
      try lines.joined(separator: "\n").write(toFile: blank, atomically: true, encoding: .utf8)
      let result = try CorpusCommandSupport.run(
        [
          "train", blank, "--tag", "upos,lemma", "-o",
          CorpusCommandSupport.neverWrittenPath("tagger"),
        ]
          + Self.tinyNetwork)
      #expect(result.status != 0)
      #expect(result.stderr.contains("has no lemmas"), "\(result.stderr)")
    }
  }

  @Test func evalScoresSeveralLayersOfTwoFiles() throws {
    let gold = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      // One XPOS wrong on one word: UPOS stays perfect, AllTags loses that word.
      let predicted = directory.appendingPathComponent("pred.conllu").path
      let text = try String(contentsOfFile: gold, encoding: .utf8)
      try text.replacingOccurrences(of: "dogs\tdog\tNOUN\tNNS", with: "dogs\tdog\tNOUN\tNN")
        .write(toFile: predicted, atomically: true, encoding: .utf8)
      let result = try CorpusCommandSupport.run(
        ["eval", gold, "--pred", predicted, "--tag", "upos,xpos", "--json"])
      #expect(result.status == 0, "\(result.stderr)")
      let object = try Self.object(result)
      let layers = try #require(object["layers"] as? [String: [String: Any]])
      #expect(layers["upos"]?["correct_tokens"] as? Int == 32)
      #expect(layers["xpos"]?["correct_tokens"] as? Int == 30)
      let allTags = try #require(object["alltags"] as? [String: Any])
      #expect(allTags["correct_tokens"] as? Int == 30)
    }
  }

  @Test func aBadFeatsBundleIsAFileLineError() throws {
    let corpus = try CorpusCommandSupport.fixture("morph-bad-feats.conllu")
    let result = try CorpusCommandSupport.run(
      [
        "train", corpus, "--tag", "upos,feats", "-o",
        CorpusCommandSupport.neverWrittenPath("tagger"),
      ]
        + Self.tinyNetwork)
    #expect(result.status != 0)
    #expect(result.stderr.contains("morph-bad-feats.conllu:3"), "\(result.stderr)")
    #expect(result.stderr.contains("Number:Sing"), "\(result.stderr)")
  }

  @Test func aLayerEmptyEverywhereIsRefusedByName() throws {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    let result = try CorpusCommandSupport.run(
      [
        "train", corpus, "--tag", "upos,deps", "-o",
        CorpusCommandSupport.neverWrittenPath("tagger"),
      ]
        + Self.tinyNetwork)
    #expect(result.status != 0)
    #expect(result.stderr.contains("tag layer \"deps\" is empty"), "\(result.stderr)")
  }

  @Test func severalLayersAreRefusedWhereOneIsMeant() throws {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    let stats = try CorpusCommandSupport.run(["stats", corpus, "--tag", "upos,xpos"])
    #expect(stats.status != 0)
    #expect(stats.stderr.contains("stats works on one tag layer"), "\(stats.stderr)")
    let twice = try CorpusCommandSupport.run(["stats", corpus, "--tag", "upos,upos"])
    #expect(twice.status != 0)
    #expect(twice.stderr.contains("upos is named twice"), "\(twice.stderr)")
    let empty = try CorpusCommandSupport.run(["stats", corpus, "--tag", "upos,,xpos"])
    #expect(empty.status != 0 && empty.stderr.contains("a layer name is empty"), "\(empty.stderr)")
    let withLabel = try CorpusCommandSupport.run(
      [
        "train", corpus, "--tag", "upos,xpos", "--label", "text", "-o",
        CorpusCommandSupport.neverWrittenPath("tagger"),
      ])
    #expect(withLabel.status != 0)
    #expect(withLabel.stderr.contains("--label"), "\(withLabel.stderr)")
  }
}

/// `-` with standard input closed is refused before another file can take its descriptor.
@Suite struct ClosedStandardInputTests {
  @Test(arguments: [
    ["eval", "-", "--format", "conllu", "--pred", "PRED", "--tag", "upos,xpos"],
    ["eval", "-", "--format", "conllu", "--pred", "PRED"],
    ["train", "-", "--format", "conllu", "--tag", "upos,lemma", "-o", "OUT"],
    ["tag", "-m", "MODEL", "-"],
    ["lm", "train", "-", "--format", "plain", "-o", "OUT"],
    ["lm", "train", "-", "-o", "OUT"],
  ])
  func aClosedStandardInputIsNamed(arguments: [String]) throws {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    let tagcli = try CorpusCommandSupport.tagcliURL().path
    let output = CorpusCommandSupport.neverWrittenPath("tagger")
    let model = ShippedModelTests.repositoryRoot.appendingPathComponent("models/en_ewt-upos.tagger")
    let placeholders = ["PRED": corpus, "OUT": output, "MODEL": model.path]
    let command = ([tagcli] + arguments).map { "'" + (placeholders[$0] ?? $0) + "'" }
      .joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exec " + command + " <&-"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus != 0)
    #expect(stderr.contains("<stdin>: standard input is closed"), "\(stderr)")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func tagReadsRawTextFromADash() throws {
    let model = ShippedModelTests.repositoryRoot.appendingPathComponent("models/en_ewt-upos.tagger")
    let result = try CorpusCommandSupport.run(
      ["tag", "-m", model.path, "--pretokenized", "-"], input: "the dog runs\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "the/DET dog/NOUN runs/VERB\n", "\(result.stdout)")
  }
}
