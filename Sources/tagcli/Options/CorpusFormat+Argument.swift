import ArgumentParser
import Corpora
import Tagger

extension CorpusFormat: ExpressibleByArgument {}
extension CellKind: ExpressibleByArgument {}
extension TrainingOptions.OptimizerKind: ExpressibleByArgument {}
extension TagOutputFormat: ExpressibleByArgument {}

/// `--tag`, `--pred-tag`: parsed once into the selector that travels to the model file.
extension LayerSelector: ExpressibleByArgument {
  public init?(argument: String) {
    self.init(parsing: argument)
  }

  public var defaultValueDescription: String { description }
}

/// `eval --scheme`: a chunk scheme, or `none` to turn chunk figures off.
enum ChunkSchemeChoice: ExpressibleByArgument, Equatable {
  case scheme(ChunkScheme)
  case none

  init?(argument: String) {
    if argument == "none" {
      self = .none
    } else if let scheme = ChunkScheme(rawValue: argument) {
      self = .scheme(scheme)
    } else {
      return nil
    }
  }

  static var allValueStrings: [String] { ChunkScheme.allCases.map(\.rawValue) + ["none"] }
}

/// A corpus format that tagcli can write (every format but Alpino): the type of `convert --to`,
/// so that `--help` and the error for a wrong value list only formats that work.
struct WritableFormat: ExpressibleByArgument, Equatable {
  /// The format.
  let format: CorpusFormat

  /// Wraps a writable format.
  init(_ format: CorpusFormat) {
    precondition(format.isWritable, "\(format) cannot be written")
    self.format = format
  }

  init?(argument: String) {
    guard let format = CorpusFormat(rawValue: argument), format.isWritable else { return nil }
    self.format = format
  }

  static var allValueStrings: [String] { CorpusFormat.writableCases.map(\.rawValue) }

  var defaultValueDescription: String { format.rawValue }
}
