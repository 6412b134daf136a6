import ArgumentParser
import Foundation

/// The best model of a resumed run in which no epoch beat the checkpoint's best dev score: the
/// one the run saved to `-o` before the checkpoint. `train` and `lm train` keep it only when
/// `-o` holds that run's model, never another run's reported as their own.
enum ResumedBestModel {
  /// Loads the model saved to `output` with `load`, and returns it when `differencesFromRun`
  /// finds nothing that sets it apart from the resumed run.
  ///
  /// - Parameter bestScore: The checkpoint's best dev score, in words, for the errors.
  /// - Throws: `ValidationError` when `output` does not exist or holds another run's model;
  ///   `load`'s errors.
  static func load<Model>(
    _ output: String, bestScore: String, using load: (String) throws -> Model,
    differencesFromRun: (Model) -> [String]
  ) throws -> Model {
    let situation =
      "no epoch after the resume beat the checkpoint's best dev score (\(bestScore)), and \(output)"
    guard FileManager.default.fileExists(atPath: output) else {
      throw ValidationError(
        "\(situation) does not exist: give -o the file the run saved its best model to")
    }
    let saved = try load(output)
    let differences = differencesFromRun(saved)
    guard differences.isEmpty else {
      throw ValidationError(
        "\(situation) holds another run's model (\(differences.joined(separator: "; "))): give"
          + " -o the file the run saved its best model to")
    }
    return saved
  }

  /// How a saved model differs from the resumed run, in words (empty when it can be that
  /// run's model). Each pair is (saved, run).
  static func differences(
    seed: (UInt64, UInt64), trainingData: (String?, String?), sameNetwork: Bool
  ) -> [String] {
    var differences: [String] = []
    if seed.0 != seed.1 { differences.append("seed \(seed.0), not \(seed.1)") }
    if trainingData.0 != trainingData.1 {
      differences.append(
        "training data \(trainingData.0 ?? "unrecorded"), not \(trainingData.1 ?? "unrecorded")")
    }
    if !sameNetwork { differences.append("other network options") }
    return differences
  }
}
