import Foundation
import Testing

@testable import Tagger
@testable import tagcli

/// `train --tag-smoothing`: saved in the model's configuration, on by default (the accurate
/// preset's 0.1) for every softmax tag layer, absent where no softmax tag layer is trained.
@Suite(.serialized) struct TagSmoothingCommandTests {
  /// Trains on the three-layer fixture and loads the model.
  private func trained(_ options: [String], in directory: URL, name: String) throws -> TaggerModel {
    let corpus = try CorpusCommandSupport.fixture("morph-tiny.conllu")
    let model = directory.appendingPathComponent("\(name).tagger").path
    let training = try CorpusCommandSupport.run(
      ["train", corpus, "--dev", corpus, "--epochs", "3", "-o", model] + options
        + TagLayersCommandTests.tinyNetwork)
    #expect(training.status == 0, "\(training.stderr)")
    return try ModelFile.load(from: model)
  }

  @Test func theDefaultSmoothsEverySoftmaxTagLayerAndZeroTrainsThePlainLoss() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let layers = ["--tag", "upos,xpos"]
      let standard = try trained(layers, in: directory, name: "default")
      let plain = try trained(layers + ["--tag-smoothing", "0"], in: directory, name: "plain")
      let strong = try trained(layers + ["--tag-smoothing", "0.3"], in: directory, name: "strong")
      #expect(standard.configuration.tagSmoothing == TrainingPreset.accurate.tagSmoothing)
      #expect(plain.configuration.tagSmoothing == 0)
      #expect(strong.configuration.tagSmoothing == 0.3)
      let fast = try trained(["--tag", "upos", "--preset", "fast"], in: directory, name: "fast")
      #expect(fast.configuration.tagSmoothing == 0, "the fast preset's default is none")
      #expect(plain.network.classifier != strong.network.classifier, "the first layer is smoothed")
      #expect(
        plain.network.layerClassifiers != strong.network.layerClassifiers,
        "so is the layer beside it")
    }
  }

  @Test func withoutASoftmaxTagLayerNothingIsSaved() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let crf = try trained(["--tag", "upos", "--decoder", "crf"], in: directory, name: "crf")
      #expect(crf.configuration.tagSmoothing == nil)
      let crfBesideSoftmax = try trained(
        ["--tag", "upos,xpos", "--decoder", "crf", "--tag-smoothing", "0.2"], in: directory,
        name: "crf-xpos")
      #expect(crfBesideSoftmax.configuration.tagSmoothing == 0.2, "the xpos layer is softmax")
      let labels = try CorpusCommandSupport.fixture("labels-tiny.conllu")
      let classifier = directory.appendingPathComponent("label.tagger").path
      let training = try CorpusCommandSupport.run(
        ["train", labels, "--dev", labels, "--label", "label", "--epochs", "1", "-o", classifier]
          + SentenceLabelCommandTests.tinyNetwork)
      #expect(training.status == 0, "\(training.stderr)")
      #expect(try ModelFile.load(from: classifier).configuration.tagSmoothing == nil)
    }
  }
}
