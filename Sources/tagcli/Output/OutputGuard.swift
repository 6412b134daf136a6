import ArgumentParser
import Corpora
import Foundation

/// The device and inode of a file: two paths (or a path and standard input) name the same file
/// exactly when these agree after following links.
struct FileIdentity: Equatable {
  let device: UInt64
  let inode: UInt64
  let isRegular: Bool

  /// The identity of `path` (`-` is standard input), nil when it does not exist.
  init?(path: String) {
    var info = stat()
    let found = path == "-" ? fstat(0, &info) : stat(path, &info)
    guard found == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    isRegular = (info.st_mode & S_IFMT) == S_IFREG
  }
}

/// Refuses, before anything is opened for writing, an output that is one of the inputs or another
/// output, or an existing file of another kind than the output (a model over a corpus).
enum OutputGuard {
  /// One output: the option that names it (`-o`, `--checkpoint`, `--report`), its path, and
  /// what is written there.
  struct Output {
    var option: String
    var path: String
    var kind: Kind

    /// What a command writes to an output, and so which existing file it may replace.
    enum Kind {
      /// A model or checkpoint (safetensors): it replaces only a model or checkpoint.
      case model
      /// A corpus or tagged text: it replaces any file but a model.
      case text
      /// An HTML report: it replaces only an HTML file.
      case report
    }
  }

  /// Checks that no output (an existing regular file) is the same file as an input or another
  /// output, following links, or a file of another kind (`refuseReplacingAnotherKind`).
  /// Standard output (`-`) and devices are never refused for text; a model on `-` is
  /// (`refuseModelsOnStandardOutput`).
  ///
  /// - Throws: `ValidationError` naming the option, the output and the input it would destroy.
  static func refuseOverwriting(inputs: [String], outputs: [Output]) throws {
    try refuseModelsOnStandardOutput(outputs)
    let inputIdentities = inputs.compactMap { path in FileIdentity(path: path).map { (path, $0) } }
    var seen: [(Output, FileIdentity)] = []
    for output in outputs where output.path != "-" {
      guard let identity = FileIdentity(path: output.path), identity.isRegular else { continue }
      if let (input, _) = inputIdentities.first(where: { $0.1 == identity }) {
        let source = input == "-" ? "standard input" : input
        throw ValidationError(
          "\(output.option) \(output.path) is also an input (\(source)); tagcli never writes "
            + "over its input: choose another output")
      }
      if let (other, _) = seen.first(where: { $0.1 == identity }) {
        throw ValidationError(
          "\(output.option) \(output.path) is the same file as \(other.option) \(other.path); "
            + "give them different names")
      }
      seen.append((output, identity))
      try refuseReplacingAnotherKind(output)
    }
  }

  /// Refuses to replace an existing, non-empty file of another kind than the output's: a model
  /// written over a corpus (`train -o test.conllu`, a slip of the keyboard, destroyed the corpus),
  /// text written over a model, or a report written over anything but HTML. A file of the same
  /// kind is replaced, as a rerun replaces its earlier output.
  ///
  /// - Throws: `ValidationError` naming the option, the file and what it holds.
  static func refuseReplacingAnotherKind(_ output: Output) throws {
    guard let handle = FileHandle(forReadingAtPath: output.path) else { return }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: 64), !data.isEmpty else { return }
    let start = ArraySlice(data)
    let isModel = NonTextSignature.isSafetensors(fileStart: start)
    let refusal: String?
    switch output.kind {
    case .model where !isModel:
      refusal = "is not a tagcli model or checkpoint; tagcli writes a model only over a model"
    case .text where isModel:
      refusal = "is a tagcli model; tagcli never writes text over a model"
    case .report where !isHTML(start):
      refusal = "is not an HTML file; tagcli writes a report only over HTML"
    default:
      refusal = nil
    }
    if let refusal {
      throw ValidationError(
        "\(output.option) \(output.path) \(refusal): remove it first or choose another name")
    }
  }

  /// Refuses `-` for a model or checkpoint: `-` means standard output to every other output, so
  /// writing a file named `-` instead would surprise, and a model (binary, saved again after
  /// each better epoch) has no place in a pipe.
  ///
  /// - Throws: `ValidationError` naming the option.
  static func refuseModelsOnStandardOutput(_ outputs: [Output]) throws {
    for output in outputs where output.kind == .model && output.path == "-" {
      throw ValidationError(
        "\(output.option) -: a model is written to a file, not to standard output; "
          + "give a file name (./- for a file named '-')")
    }
  }

  /// Whether `start` (a file's first bytes) opens an HTML document.
  private static func isHTML(_ start: ArraySlice<UInt8>) -> Bool {
    let head = String(decoding: start, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{FEFF}"])).lowercased()
    return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
  }

  /// The rule of a training command: the model and the checkpoint may not be a training or dev
  /// file, and the model may not be the checkpoint being resumed (the checkpoint itself may be
  /// rewritten as training goes on).
  ///
  /// - Throws: `ValidationError` from `refuseOverwriting(inputs:outputs:)`.
  static func refuseOverwritingTrainingInputs(
    data: [String], resume: String?, model: String, checkpoint: String
  ) throws {
    let modelOutput = Output(option: "-o", path: model, kind: .model)
    let checkpointOutput = Output(option: "--checkpoint", path: checkpoint, kind: .model)
    try refuseUnwritable([modelOutput, checkpointOutput])
    try refuseOverwriting(inputs: data + [resume].compactMap { $0 }, outputs: [modelOutput])
    try refuseOverwriting(
      inputs: data, outputs: [modelOutput, checkpointOutput])
  }

  /// Refuses, before any work, an output that can never be written: an existing folder, or a
  /// path whose folder does not exist. (Training would otherwise run an epoch before its first
  /// save failed.)
  ///
  /// - Throws: `ValidationError` naming the option and the path.
  static func refuseUnwritable(_ outputs: [Output]) throws {
    for output in outputs where output.path != "-" {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder) {
        if isFolder.boolValue {
          throw ValidationError(
            "\(output.option) \(output.path) is a folder; give a file name inside it")
        }
        continue
      }
      let folder = PathFolder.of(output.path)
      let parent = folder.isEmpty ? "." : folder
      guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder),
        isFolder.boolValue
      else {
        throw ValidationError(
          "\(output.option) \(output.path): the folder \(parent) does not exist")
      }
    }
  }
}
