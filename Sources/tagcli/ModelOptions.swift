import ArgumentParser
import Corpora
import Foundation

/// The `-m/--model` option shared by `tag` and `eval`, with the shipped default.
struct ModelOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("model")],
    help: ArgumentHelp(
      "Model file (default: the shipped English UPOS model, \(ModelOptions.defaultModelName)).",
      discussion: """
        Without -m the model is looked for next to the tagcli executable, in its \
        ../share/tagcli, in each folder of $TAGCLI_MODEL_PATH (separated by ':'), in ./models, \
        and in the models/ folder of a source checkout that holds the executable.
        """))
  var modelPath: String?

  /// The file name of the shipped default model.
  static let defaultModelName = "en_ewt-upos.tagger"

  /// The model to load: `-m`, else `$TAGGER_MODEL`, else the first of `searchFolders()` that
  /// holds the shipped model.
  ///
  /// - Throws: `ValidationError` listing every folder searched when no model is found.
  func resolvedPath() throws -> String {
    if let modelPath { return modelPath }
    let environment = ProcessInfo.processInfo.environment
    if let fromEnvironment = environment["TAGGER_MODEL"] { return fromEnvironment }
    let folders = Self.searchFolders(
      executable: Self.executablePath(), modelPath: environment["TAGCLI_MODEL_PATH"])
    for folder in folders {
      let path = (folder as NSString).appendingPathComponent(Self.defaultModelName)
      if FileManager.default.isReadableFile(atPath: path) { return path }
    }
    throw ValidationError(
      "no model given and \(Self.defaultModelName) was not found in: "
        + folders.joined(separator: ", ") + "; pass -m MODEL or set TAGCLI_MODEL_PATH")
  }

  /// Where the default model is looked for, in order: the executable's folder, its
  /// `../share/tagcli`, the folders of `modelPath` (`$TAGCLI_MODEL_PATH`), `./models`, then the
  /// `models/` folder of up to five folders above the executable (`.build/debug/tagcli` in a
  /// checkout).
  static func searchFolders(executable: String, modelPath: String?) -> [String] {
    let executableFolder = PathFolder.of(executable)
    var folders = [
      executableFolder,
      (PathFolder.of(executableFolder) as NSString)
        .appendingPathComponent("share/tagcli"),
    ]
    folders += (modelPath ?? "").split(separator: ":").map(String.init)
    folders.append("./models")
    var ancestor = executableFolder
    for _ in 0..<5 where ancestor != "/" && !ancestor.isEmpty {
      ancestor = PathFolder.of(ancestor)
      folders.append((ancestor as NSString).appendingPathComponent("models"))
    }
    return folders
  }

  /// The running executable, links resolved (`/proc/self/exe`), else `argv[0]`.
  static func executablePath() -> String {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return path
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
  }
}
