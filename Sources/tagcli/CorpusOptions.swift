import ArgumentParser
import Corpora

/// Options that say how to read corpus files.
struct CorpusOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "Input format (\(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", "))); detected when omitted.")
  var format: String?

  @Option(
    name: .long,
    help: "Tag layer: a name (upos, xpos, chunk, ne, an XML attribute) or a 1-based column number.")
  var tag: String = "default"

  @Flag(name: .long, help: "Skip malformed sentences, counting them, instead of stopping.")
  var skipMalformed = false

  func validate() throws {
    if let format, CorpusFormat(rawValue: format) == nil {
      throw ValidationError(
        "unknown format \"\(format)\"; expected one of \(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
  }

  /// The chosen format, nil for detection.
  var corpusFormat: CorpusFormat? { format.flatMap(CorpusFormat.init(rawValue:)) }

  /// The chosen tag layer.
  var layer: LayerSelector { LayerSelector(parsing: tag) }

  /// Reader options from these flags.
  var readerOptions: ReaderOptions {
    var options = ReaderOptions()
    options.skipMalformed = skipMalformed
    options.tagLayer = layer
    return options
  }

  /// Opens `path` with these options.
  func reader(for path: String) throws -> any SentenceReader {
    try makeSentenceReader(path: path, format: corpusFormat, options: readerOptions)
  }
}
