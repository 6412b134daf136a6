import ArgumentParser
import Foundation

/// The `-m/--model` option shared by `tag` and `eval`, with the shipped default.
struct ModelOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("model")],
    help: "Model file (default: the shipped English UPOS model, \(ModelOptions.defaultModelName)).")
  var modelPath: String?

  /// The file name of the shipped default model under `models/`.
  static let defaultModelName = "en_ewt-upos.tagger"

  /// The model to load: `-m`, else `$TAGGER_MODEL`, else the shipped model found next to the
  /// working directory or above the executable (`.build/release/tagcli` → repository root).
  ///
  /// - Throws: `ValidationError` when no model can be found.
  func resolvedPath() throws -> String {
    if let modelPath { return modelPath }
    if let fromEnvironment = ProcessInfo.processInfo.environment["TAGGER_MODEL"] {
      return fromEnvironment
    }
    var candidates = [FileManager.default.currentDirectoryPath]
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<5 {
      candidates.append(directory.path)
      directory = directory.deletingLastPathComponent()
    }
    for candidate in candidates {
      let path = candidate + "/models/" + Self.defaultModelName
      if FileManager.default.fileExists(atPath: path) { return path }
    }
    throw ValidationError(
      "no model given and the default models/\(Self.defaultModelName) was not found; pass -m MODEL")
  }
}
