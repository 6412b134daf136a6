import Foundation
import Testing

@testable import Tagger
@testable import tagcli

/// End to end: `train --label` writes a sentence classifier (or a two-head model) that `tag` and
/// `eval -m` use; bad label input fails clearly.
@Suite(.serialized) struct SentenceLabelCommandTests {
  static let tinyNetwork = [
    "--layers", "1", "--hidden", "8", "--word-dim", "8", "--char-hidden", "0", "--dropout", "0",
    "--word-dropout", "0", "--min-word-count", "1", "--lr", "0.05", "--batch-size", "2",
    "--seed", "7", "--lr-decay", "1", "--average", "0", "--patience", "100",
  ]

  /// A model trained for `epochs` on the tiny fixture `fixture` (its own dev) with `heads`
  /// (`--label label`, `--tag upos`, `--features upos`, …) and the tiny network, in `directory`.
  static func trainedTinyModel(fixture: String, heads: [String], epochs: Int, in directory: URL)
    throws -> String
  {
    let corpus = try CorpusCommandSupport.fixture(fixture)
    let model = directory.appendingPathComponent("model.tagger").path
    let training = try CorpusCommandSupport.run(
      ["train", corpus, "--dev", corpus] + heads + ["--epochs", "\(epochs)", "-o", model]
        + tinyNetwork)
    #expect(training.status == 0, "\(training.stderr)")
    return model
  }

  @Test func aClassifierTrainsTagsAndEvaluates() throws {
    let lines = try CorpusCommandSupport.fixture("labels-tiny.txt")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("labels.tagger").path
      let training = try CorpusCommandSupport.run(
        [
          "train", lines, "--dev", lines, "--format", "labeled", "--label", "label", "--epochs",
          "30",
          "-o", model,
        ] + Self.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      #expect(training.stdout.contains("label accuracy 100.00 %"), "\(training.stdout)")
      let loaded = try ModelFile.load(from: model)
      #expect(
        loaded.heads
          == ModelHeads(
            tags: nil,
            label: .init(key: "label", smoothing: ModelHeads.SentenceLabel.defaultSmoothing)))
      #expect(loaded.labelSet.tags == ["ask", "greet", "state"])

      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized"], input: "hello there\nwhy so ?\n")
      #expect(tagged.status == 0, "\(tagged.stderr)")
      #expect(tagged.stdout == "greet\thello there\nask\twhy so ?\n")
      let top = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--probs", "--top", "2"], input: "hello there\n")
      let expected = try #require(loaded.predictSentences([["hello", "there"]], topK: 2)[0].label)
      let second = expected.alternatives[1]
      #expect(
        top.stdout
          == String(
            format: "greet/%.4f|greet:%.4f|%@:%.4f\thello there\n", expected.probability,
            expected.probability, second.label, second.probability))
      let json = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--output", "json"], input: "why\n")
      #expect(json.stdout == "{\"label\":\"ask\",\"words\":[\"why\"]}\n")
      let conllu = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--output", "conllu"], input: "why\n")
      #expect(conllu.stdout == "# text = why\n# label = ask\n1\twhy\t_\t_\t_\t_\t_\t_\t_\t_\n\n")
      // A line longer than --max-sentence-length is labelled whole (it stopped the command
      // when it went to the tag windows), in every output that writes lines in parts.
      for (format, label) in [
        ("wordtag", "greet\thello there\n"), ("conllu", "# label = greet\n"),
        ("tsv", "# label = greet\n"),
      ] {
        let long = try CorpusCommandSupport.run(
          [
            "tag", "-m", model, "--pretokenized", "--max-sentence-length", "1", "--output",
            format,
          ], input: "hello there\n")
        #expect(long.status == 0, "\(long.stderr)")
        #expect(long.stdout.contains(label), "\(long.stdout)")
      }

      // Past the limit a label model refuses a line instead of holding gigabytes for it.
      let limit = TagCommand.labelledSentenceWordLimit
      let overlong = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized"],
        input: "why\n" + Array(repeating: "hello", count: limit + 1).joined(separator: " ") + "\n")
      #expect(overlong.status != 0)
      #expect(
        overlong.stderr.contains(
          "<stdin>:2: a sentence of \(limit + 1) words: a label model reads a sentence whole,"
            + " up to \(limit) words"), "\(overlong.stderr)")

      // A blank line between lines is answered with a blank line (it stopped the command with
      // an error about a missing tag column).
      for format in ["wordtag", "tsv"] {
        let blank = try CorpusCommandSupport.run(
          ["tag", "-m", model, "--pretokenized", "--output", format],
          input: "hello there\n\nwhy\n")
        #expect(blank.status == 0, "\(blank.stderr)")
        if format == "wordtag" { #expect(blank.stdout == "greet\thello there\n\nask\twhy\n") }
      }

      // Corpus input: the label is the answer in every output format, with its confidence
      // when asked (wordtag wrote the corpus back with no label, and --probs was dropped).
      let corpus = try CorpusCommandSupport.fixture("labels-tiny.conllu")
      let asWordTag = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "conllu", corpus, "--output", "wordtag"])
      #expect(asWordTag.status == 0, "\(asWordTag.stderr)")
      let labelled = asWordTag.stdout.split(separator: "\n")
      #expect(labelled.count == 5, "\(asWordTag.stdout)")
      #expect(
        labelled.allSatisfy { line in
          ["ask", "greet", "state"].contains { line.hasPrefix($0 + "\t") }
        }, "\(asWordTag.stdout)")
      let withProbability = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--input", "conllu", corpus, "--probs"])
      #expect(withProbability.status == 0, "\(withProbability.stderr)")
      #expect(
        withProbability.stdout.components(separatedBy: "# label_prob = ").count == 6,
        "\(withProbability.stdout)")
      // --temperature reaches the label's probability.
      let hot = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--probs", "--temperature", "5"],
        input: "hello there\n")
      let atFive = try #require(
        loaded.predictSentences([["hello", "there"]], temperature: 5)[0].label)
      #expect(atFive.probability < expected.probability)
      #expect(
        hot.stdout == String(format: "%@/%.4f\thello there\n", atFive.label, atFive.probability))

      // Tag decoding options do nothing for a label model: refused, not ignored.
      for flags in [["--decode", "viterbi"], ["--constrain", "bio"]] {
        let refused = try CorpusCommandSupport.run(
          ["tag", "-m", model, "--pretokenized"] + flags, input: "why\n")
        #expect(refused.status != 0)
        #expect(
          refused.stderr.contains(
            "\(flags[0]) does not apply to this model (it fills label (label)): a model with a"
              + " sentence label takes each word's most probable tag"),
          "\(refused.stderr)")
      }

      let evaluated = try CorpusCommandSupport.run(
        ["eval", lines, "--format", "labeled", "-m", model, "--json"])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
      #expect(object["accuracy"] == nil, "a classifier has no tag figures")
      let labels = try #require(object["labels"] as? [String: Any])
      #expect(labels["accuracy"] as? Double == 100)
      let perLabel = try #require(labels["per_label"] as? [String: [String: Any]])
      #expect(perLabel["greet"]?["support"] as? Int == 3)
      #expect(perLabel["ask"]?["f1"] as? Double == 100)
      #expect(
        (labels["confusion"] as? [String: Any])?["labels"] as? [String] == [
          "ask", "greet", "state",
        ])
    }
  }

  /// A CRF tag layer beside a label head: `tag`, `eval` and `serve` (through
  /// `predictSentences`) decode its tags as the tag path does, Viterbi and forward-backward
  /// probabilities, where they took each word's best emission score and its softmax.
  @Test func aCRFTagLayerBesideALabelDecodesItsSequence() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = try Self.trainedTinyModel(
        fixture: "labels-tiny.conllu",
        heads: ["--tag", "upos", "--decoder", "crf", "--label", "label"], epochs: 3,
        in: directory)
      let loaded = try ModelFile.load(from: model)
      let sentences = [["the", "dog", "runs"], ["dogs", "run", "."], ["a", "cat"]]
      let inputs = sentences.map { TaggerInput(words: $0) }
      let joint = loaded.predictSentences(
        inputs, topK: 3, temperature: loaded.defaultDecoding.temperature)
      let tagged = loaded.predict(inputs, decoding: loaded.defaultDecoding, topK: 3)
      #expect(joint.map(\.tags) == tagged)
      #expect(joint.allSatisfy { $0.label != nil })
    }
  }

  @Test func aTwoHeadModelTagsAndLabelsInOneNetwork() throws {
    let corpus = try CorpusCommandSupport.fixture("labels-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("both.tagger").path
      let training = try CorpusCommandSupport.run(
        [
          "train", corpus, "--dev", corpus, "--tag", "upos", "--label", "label", "--label-weight",
          "0.5", "--pooling", "mean", "--epochs", "40", "-o", model,
        ] + Self.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      let loaded = try ModelFile.load(from: model)
      #expect(loaded.heads.tags == .init(layer: .name("upos")))
      #expect(
        loaded.heads.label
          == .init(
            key: "label", pooling: .mean, lossWeight: 0.5,
            smoothing: ModelHeads.SentenceLabel.defaultSmoothing))
      #expect(
        training.stdout.contains("accuracy 100.00 %")
          && training.stdout.contains("label accuracy 100.00 %"))

      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized"], input: "dogs run\n")
      #expect(tagged.stdout == "plural\tdogs/NOUN run/VERB\n", "\(tagged.stdout)")
      let corpusOut = try CorpusCommandSupport.run([
        "tag", "-m", model, "--input", "conllu", corpus,
      ])
      #expect(corpusOut.status == 0, "\(corpusOut.stderr)")
      #expect(corpusOut.stdout.hasPrefix("# label = statement\n1\tthe\tthe\tDET\t"))

      let evaluated = try CorpusCommandSupport.run(["eval", corpus, "-m", model, "--json"])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
      #expect(object["accuracy"] as? Double == 100)
      #expect((object["labels"] as? [String: Any])?["accuracy"] as? Double == 100)
    }
  }

  /// Without `--pooling` and `--label-weight`, a label head beside a tag head pools the mean at
  /// weight 0.5, and one alone reads the final states at weight 1; a choice given is kept.
  @Test(arguments: [
    ([] as [String], SentencePooling.mean), (["--pooling", "last"], .last),
    (["--pooling", "max"], .max),
  ])
  func aLabelHeadBesideTagsPoolsTheMeanAtHalfWeightUnlessTold(
    pooling: [String], expected: SentencePooling
  ) throws {
    let corpus = try CorpusCommandSupport.fixture("labels-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("both.tagger").path
      let training = try CorpusCommandSupport.run(
        [
          "train", corpus, "--dev", corpus, "--tag", "upos", "--label", "label", "--epochs", "1",
          "-o", model,
        ]
          + pooling + Self.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      let joint = try ModelFile.load(from: model).heads.label
      #expect(joint?.pooling == expected && joint?.lossWeight == 0.5)
      let alone = directory.appendingPathComponent("alone.tagger").path
      let classifier = try CorpusCommandSupport.run(
        ["train", corpus, "--dev", corpus, "--label", "label", "--epochs", "1", "-o", alone]
          + pooling + Self.tinyNetwork)
      #expect(classifier.status == 0, "\(classifier.stderr)")
      let single = try ModelFile.load(from: alone).heads.label
      #expect(single?.pooling == (pooling.isEmpty ? .last : expected) && single?.lossWeight == 1)
      #expect(
        joint?.smoothing == ModelHeads.SentenceLabel.defaultSmoothing
          && single?.smoothing == ModelHeads.SentenceLabel.defaultSmoothing)
    }
  }

  /// Without `--dropout`, the accurate preset drops 0.5 in a sentence classifier alone and 0.33
  /// in a model with a tag head (and the fast preset 0.33 in both); a rate given is kept.
  @Test(arguments: [
    ([] as [String], Float(0.5), Float(0.33)), (["--dropout", "0.2"], 0.2, 0.2),
    (["--preset", "fast"], 0.33, 0.33),
  ])
  func aClassifierAloneDropsHalfUnlessTold(
    options: [String], alone: Float, beside: Float
  ) throws {
    let corpus = try CorpusCommandSupport.fixture("labels-tiny.conllu")
    // The tiny network without its `--dropout 0`.
    var network = Self.tinyNetwork
    let rate = try #require(network.firstIndex(of: "--dropout"))
    network.removeSubrange(rate...(rate + 1))
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      for (tags, expected) in [([] as [String], alone), (["--tag", "upos"], beside)] {
        let model = directory.appendingPathComponent("m.tagger").path
        let training = try CorpusCommandSupport.run(
          ["train", corpus, "--dev", corpus, "--label", "label", "--epochs", "1", "-o", model]
            + tags + options + network)
        #expect(training.status == 0, "\(training.stderr)")
        #expect(try ModelFile.load(from: model).configuration.dropout == expected, "\(tags)")
      }
    }
  }

  /// `--label-smoothing` is saved with the head, and 0 trains the plain cross-entropy: the same
  /// weights as a head saved without the field (files written before it) would train.
  @Test func labelSmoothingIsSavedWithTheHead() throws {
    let corpus = try CorpusCommandSupport.fixture("labels-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      var models: [String: TaggerModel] = [:]
      for smoothing in ["0", "0.25"] {
        let model = directory.appendingPathComponent("s\(smoothing).tagger").path
        let training = try CorpusCommandSupport.run(
          [
            "train", corpus, "--dev", corpus, "--label", "label", "--epochs", "2", "--seed", "3",
            "--label-smoothing", smoothing, "-o", model,
          ] + Self.tinyNetwork)
        #expect(training.status == 0, "\(training.stderr)")
        models[smoothing] = try ModelFile.load(from: model)
      }
      #expect(models["0.25"]?.heads.label?.smoothing == 0.25)
      #expect(models["0"]?.heads.label?.smoothing == 0)
      #expect(
        models["0"]?.network.labelHead?.classifier != models["0.25"]?.network.labelHead?.classifier,
        "smoothing changes what is learned")
    }
  }

  @Test func aCorpusWithoutLabelsIsAClearError() throws {
    let corpus = try CorpusCommandSupport.fixture("train-tiny.conllu")
    let result = try CorpusCommandSupport.run(
      ["train", corpus, "--label", "label", "-o", CorpusCommandSupport.neverWrittenPath("tagger")])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "\(corpus): no sentence labels (looked for \"# label = …\" comments)"), "\(result.stderr)")
  }

  @Test func aSentenceWithoutItsLabelIsAnErrorUnlessSkipped() throws {
    let corpus = try CorpusCommandSupport.fixture("labels-one-missing.conllu")
    let strict = try CorpusCommandSupport.run(
      ["train", corpus, "--label", "label", "-o", CorpusCommandSupport.neverWrittenPath("tagger")])
    #expect(strict.status == 1)
    #expect(
      strict.stderr.contains(
        "\(corpus):4: sentence has no label (looked for \"# label = …\" comments): \"bye\""),
      "\(strict.stderr)")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("lenient.tagger").path
      let lenient = try CorpusCommandSupport.run(
        [
          "train", corpus, "--dev", corpus, "--label", "label", "--skip-malformed", "--epochs", "1",
          "-o", model,
        ] + Self.tinyNetwork)
      #expect(lenient.status == 0, "\(lenient.stderr)")
      #expect(lenient.stderr.contains("skipped 2 malformed sentence(s)"), "\(lenient.stderr)")
      #expect(lenient.stdout.contains("train: 2 sentences"))
    }
  }

  static let npsChat = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/data/xml/nps_chat/").path

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: npsChat),
      "../shared/data is missing: NPS Chat test skipped"))
  func npsChatEndToEnd() throws {
    let nps = Self.npsChat + "/"
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("nps.tagger").path
      let training = try CorpusCommandSupport.run(
        [
          "train", nps + "10-19-20s_706posts.xml", "--dev", nps + "11-09-20s_706posts.xml",
          "--label", "class", "--epochs", "2", "--layers", "1", "--hidden", "16", "--word-dim",
          "16",
          "--char-hidden", "0", "--average", "0", "--lr", "0.01", "--seed", "3", "-o", model,
        ])
      #expect(training.status == 0, "\(training.stderr)")
      #expect(training.stdout.contains("dev labels not in training (counted as errors): Other (4)"))
      let evaluated = try CorpusCommandSupport.run(
        ["eval", nps + "11-09-teens_706posts.xml", "-m", model, "--json"])
      #expect(evaluated.status == 0, "\(evaluated.stderr)")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
      let labels = try #require(object["labels"] as? [String: Any])
      #expect(labels["sentences"] as? Int == 706)
      // The largest class of the file is 30 %; "JOIN"/"PART" posts and "?" are learnt at once.
      #expect((labels["accuracy"] as? Double ?? 0) > 50, "\(labels["accuracy"] ?? "")")
    }
  }
}
