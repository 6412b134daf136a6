import Foundation

extension CorpusFormat {
  /// Guesses the format of `path` from its extension and, failing that, its first bytes.
  ///
  /// - Throws: `CorpusError` of kind `.unknownFormat` when nothing matches, `.io` when the file
  ///   cannot be read.
  public static func detect(path: String) throws -> CorpusFormat {
    let name = (path as NSString).lastPathComponent.lowercased()
    let byExtension: [(String, CorpusFormat)] = [
      (".conllu", .conllu), (".conllx", .conllx), (".conll", .conllx),
      (".pos", .wordTag), (".jsonl", .jsonl), (".tsv", .tsv), (".txt", .plain),
    ]
    for (suffix, format) in byExtension where name.hasSuffix(suffix) {
      if format == .plain { break }  // `.txt` is ambiguous: look inside
      return format
    }
    return try detectFromContent(path: path)
  }

  /// Guesses the format from the first non-empty, non-comment lines.
  static func detectFromContent(path: String) throws -> CorpusFormat {
    var lines = try LineReader(path: path)
    var sample: [String] = []
    while sample.count < 5, let line = try lines.nextLine() {
      let text = String(decoding: line, as: UTF8.self)
      if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      sample.append(text)
    }
    guard let first = sample.first else {
      throw CorpusError(.unknownFormat("cannot detect the format of an empty file"), file: path)
    }
    if first.hasPrefix("<") || first.hasPrefix("\u{FEFF}<") {
      throw CorpusError(
        .unknownFormat("XML input needs the XML reader; give --format tiger, tei, alpino or xml"),
        file: path)
    }
    let wordLines = sample.filter { !$0.hasPrefix("#") }
    if let line = wordLines.first, line.split(separator: "\t", omittingEmptySubsequences: false)
      .count == 10
    {
      return .conllu
    }
    if let line = wordLines.first, line.contains("\t") { return .tsv }
    return .plain
  }
}

/// Opens a reader for `path` in `format` (detected when nil).
///
/// - Throws: `CorpusError` when the file cannot be opened or its format is unknown.
public func makeSentenceReader(
  path: String, format: CorpusFormat? = nil, options: ReaderOptions = ReaderOptions()
) throws -> any SentenceReader {
  let format = try format ?? CorpusFormat.detect(path: path)
  switch format {
  case .conllu:
    return try CoNLLUReader(path: path, skipMalformed: options.skipMalformed)
  case .tiger, .tei, .alpino, .xml:
    return try makeXMLReader(path: path, format: format, options: options)
  default:
    throw CorpusError(.unknownFormat("reading \(format.rawValue) is not supported"), file: path)
  }
}
