import ArgumentParser
import Corpora
import Foundation
import Tagger

/// `tagcli calibrate`: fits a tagger's softmax temperature on gold data and writes the model with
/// it, in the current file format. For models trained before calibration existed (training fits
/// the temperature on `--dev` itself).
struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Fit a model's probability temperature on a gold dev corpus and save it in the model.",
    discussion: """
      The temperature minimises the negative log-likelihood of the gold tags under the model's \
      own decoding. Tags and accuracy do not change, only the probabilities (--probs, --top, \
      the calibration figures of eval). The model is written to a new file, never over -m.
      """)

  @OptionGroup var corpus: CorpusOptions

  func validate() throws {
    try corpus.requireOneLayer(command: "calibrate")
  }

  @Option(name: [.short, .customLong("model")], help: "The model to calibrate.")
  var modelPath: String

  @Argument(help: "Gold dev corpus (not the test set).")
  var dev: String

  @Option(name: .shortAndLong, help: "Where to write the calibrated model.")
  var output: String

  func run() throws {
    try OutputGuard.refuseOverwriting(
      inputs: [modelPath, dev], outputs: [.init(option: "-o", path: output, kind: .model)])
    var model = try ModelFile.load(from: modelPath)
    guard model.heads.tags != nil else {
      throw ValidationError("\(modelPath) has no tag head (it labels sentences): nothing to calibrate")
    }
    let sentences = try goldTaggedSentences(dev, corpus: corpus, model: model)
    guard !sentences.isEmpty else {
      throw CorpusError(
        .invalidContent("no sentences found (expected a gold corpus with tags)"), file: dev)
    }
    guard let temperature = model.fittedTemperature(on: sentences) else {
      throw CorpusError(
        .invalidContent("no token has a tag the model knows; check --tag"), file: dev)
    }
    let previous = model.decodingDefaults.temperature
    model.decodingDefaults.temperature = temperature
    try ModelFile.save(model, to: output)
    let tokens = sentences.reduce(0) { $0 + $1.words.count }
    print(
      String(format: "temperature %.4f fitted on %@ (%d tokens)", temperature, dev, tokens)
        + (previous.map { String(format: "; the model had %.4f", $0) } ?? "")
        + "; saved to \(output)")
  }
}
