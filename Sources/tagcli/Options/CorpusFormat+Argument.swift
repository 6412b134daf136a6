import ArgumentParser
import Corpora

extension CorpusFormat: ExpressibleByArgument {}

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
