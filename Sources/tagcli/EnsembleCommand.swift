import ArgumentParser
import Foundation
import Tagger

/// `tagcli ensemble`: combines models that predict the same tags (trained with different seeds,
/// perhaps on different machines) into one model file that averages their predictions.
struct EnsembleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ensemble",
    abstract: "Combine models with the same tags into one model that averages their predictions.",
    discussion: """
      The models must have the same heads, tags, labels, input features and output layer \
      (softmax or CRF); each keeps its own vocabularies. Softmax probabilities are averaged; \
      a CRF's scores are averaged before decoding. Tagging takes as long as all members \
      together. A member's calibrated temperature does not carry over: fit one for the \
      ensemble with tagcli calibrate. tagcli train --seeds N trains and combines in one step.
      """)

  @Argument(help: "The models to combine (two or more; an ensemble counts as its members).")
  var models: [String]

  @Option(name: .shortAndLong, help: "Where to write the ensemble.")
  var output: String

  func validate() throws {
    guard models.count >= 2 else {
      throw ValidationError("give two or more models to combine (\(models.count) given)")
    }
  }

  func run() throws {
    let target = OutputGuard.Output(option: "-o", path: output, kind: .model)
    try OutputGuard.refuseUnwritable([target])
    try OutputGuard.refuseOverwriting(inputs: models, outputs: [target])
    let loaded = try models.map { try ModelFile.load(from: $0) }
    let ensemble: TaggerModel
    do {
      ensemble = try TaggerModel.ensemble(loaded)
    } catch let mismatch as EnsembleMismatch {
      // Which file each member came from (an ensemble given as input counts as its members).
      let files = zip(models, loaded).flatMap { path, model in model.members.map { _ in path } }
      guard let member = mismatch.member else { throw ValidationError(mismatch.description) }
      throw ValidationError(
        "cannot combine these models: \(files[member]) (member \(member + 1)) has"
          + " \(mismatch.difference.replacingOccurrences(of: "than member 1", with: "than \(files[0])"))"
      )
    }
    try ModelFile.save(ensemble, to: output)
    print(
      "ensemble of \(ensemble.members.count) models saved to \(output); fit its temperature on"
        + " dev with tagcli calibrate -m \(output) DEV -o CALIBRATED")
  }
}
