import ArgumentParser
import Corpora

/// Options that say how to read corpus files.
struct CorpusOptions: ParsableArguments {
  @Option(name: .long, help: "Input format; detected when omitted.")
  var format: CorpusFormat?

  @Option(
    name: .long,
    help:
      "Tag layer: a name (upos, xpos, chunk, ne, an XML attribute) or a 1-based column number (default: the format's); train and eval take several, comma-separated (upos,xpos,feats).",
    transform: TagLayerList.parse
  )
  var tag: TagLayerList?

  @Option(
    name: .long,
    help:
      "Sentence label: the # KEY = … comment, XML sentence attribute or JSON key holding it (train: adds a label head; with --tag too, both heads)."
  )
  var label: String?

  @Flag(name: .long, help: "Skip malformed sentences, counting them, instead of stopping.")
  var skipMalformed = false

  @Option(
    name: .long,
    help: "Column names of a column or TSV file, e.g. \"word pos chunk\"; guessed when omitted.")
  var columns: String?

  @Option(name: .long, help: "The 1-based word column of a column or TSV file.")
  var wordColumn: Int = 1

  @OptionGroup var xml: XMLMappingOptions

  func validate() throws {
    guard wordColumn >= 1 else {
      throw ValidationError("--word-column is 1-based; got \(wordColumn)")
    }
    if xml.isGiven, let format, format != .xml {
      throw ValidationError("the XML mapping (--xml-sentence, --xml-token) needs --format xml")
    }
    if let names = columnNames {
      guard !names.isEmpty else { throw ValidationError("--columns names no column") }
      guard wordColumn <= names.count else {
        throw ValidationError(
          "--word-column \(wordColumn) is past the \(names.count) columns of --columns")
      }
    }
  }

  /// The names given with `--columns`, split on spaces and commas.
  var columnNames: [String]? {
    columns.map { $0.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }
  }

  /// The chosen format, nil for detection.
  var corpusFormat: CorpusFormat? {
    xml.isGiven ? .xml : format
  }

  /// The chosen tag layer, the first of several (`.default` when `--tag` is not given).
  var layer: LayerSelector { tag?.layers[0] ?? .default }

  /// Every chosen tag layer, `layer` first.
  var layers: [LayerSelector] { tag?.layers ?? [.default] }

  /// The layers after the first (empty for one).
  var additionalLayers: [LayerSelector] { Array(layers.dropFirst()) }

  /// Refuses several `--tag` layers in a command that works on one.
  ///
  /// - Throws: `ValidationError` naming the command.
  func requireOneLayer(command: String) throws {
    guard additionalLayers.isEmpty else {
      throw ValidationError(
        "\(command) works on one tag layer; --tag names \(layers.count) (\(tag?.defaultValueDescription ?? ""))")
    }
  }

  /// Reader options from these flags.
  var readerOptions: ReaderOptions {
    var options = ReaderOptions()
    options.skipMalformed = skipMalformed
    options.tagLayer = layer
    options.columnNames = columnNames
    options.wordColumn = wordColumn
    options.labelKey = label
    xml.apply(to: &options)
    return options
  }

  /// Opens `path` with these options.
  func reader(for path: String) throws -> any SentenceReader {
    try makeSentenceReader(path: path, format: corpusFormat, options: readerOptions)
  }
}
