/// A model file that cannot be read or written: missing, truncated, corrupted, too new, or with
/// weights whose shapes disagree with its hyperparameters.
///
/// The description reads `<file>: <what is wrong>`.
public struct ModelFileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// The file cannot be opened, read or written.
    case io(String)
    /// The file is shorter than its header says.
    case truncated(expectedBytes: Int, foundBytes: Int)
    /// The file is not a tagger model (wrong header or `format`).
    case notAModel(String)
    /// The header's JSON or a field in it is malformed.
    case badHeader(String)
    /// The model's format version is outside the range this build reads.
    case unsupportedVersion(found: Int, supported: ClosedRange<Int>)
    /// A tensor has the wrong shape for the model's hyperparameters.
    case shapeMismatch(tensor: String, found: [Int], expected: [Int])
    /// A tensor the model needs is absent.
    case missingTensor(String)
    /// The weights do not match their checksum.
    case checksumMismatch
    /// The model does another task than the command needs (a language model given to `tag`).
    case wrongTask(String)
    /// `--resume` was given a model where it needs the checkpoint written beside it.
    case notACheckpoint
    /// A tensor holds NaN or infinite weights (written by a training run that diverged).
    case nonFiniteWeights(tensor: String)
  }

  /// What went wrong.
  public var kind: Kind
  /// The model file's path.
  public var path: String

  /// Creates an error.
  public init(_ kind: Kind, path: String) {
    self.kind = kind
    self.path = path
  }

  public var description: String {
    let message: String
    switch kind {
    case .io(let what): message = what
    case .truncated(let expected, let found):
      message = "model file is truncated: expected \(expected) bytes, found \(found)"
    case .notAModel(let what): message = "not a tagger model file: \(what)"
    case .badHeader(let what): message = "corrupted model header: \(what)"
    case .unsupportedVersion(let found, let supported):
      message =
        found > supported.upperBound
        ? "model format version \(found) is newer than this tagcli (reads \(supported.lowerBound)...\(supported.upperBound)); upgrade tagcli or retrain"
        : "model format version \(found) is too old (reads \(supported.lowerBound)...\(supported.upperBound)); retrain"
    case .shapeMismatch(let tensor, let found, let expected):
      message = "tensor \"\(tensor)\" is \(found), expected \(expected)"
    case .missingTensor(let name): message = "tensor \"\(name)\" is missing"
    case .checksumMismatch:
      message = "model file is corrupted (checksum mismatch); download or train it again"
    case .wrongTask(let what): message = what
    case .nonFiniteWeights(let tensor):
      message =
        "tensor \"\(tensor)\" holds NaN or infinite weights: the training that wrote it "
        + "diverged; train again with a lower --lr"
    case .notACheckpoint:
      message =
        "this is a model, not a training checkpoint; --resume takes the checkpoint written beside"
        + " the model (MODEL.checkpoint, unless --checkpoint named another)"
    }
    return "\(path): \(message)"
  }
}
