import Foundation

extension CorpusFormat {
  /// File extensions that name a format.
  static let extensions: [(suffix: String, format: CorpusFormat)] = [
    (".conllu", .conllu), (".conllx", .conllx), (".conll", .conllx), (".pos", .penn),
    (".jsonl", .jsonl), (".ndjson", .jsonl), (".json", .jsonl), (".tsv", .tsv), (".xml", .tiger),
  ]

  /// The format named by the extension of `path` (`.conllu`, `.conll`/`.conllx`, `.pos`,
  /// `.tsv`, `.jsonl`/`.ndjson`/`.json` (what `tag --output json` writes), `.xml` → TIGER-XML),
  /// or nil when the extension says nothing (`.txt`).
  public static func fromExtension(of path: String) -> CorpusFormat? {
    let name = (path as NSString).lastPathComponent.lowercased()
    return extensions.first { name.hasSuffix($0.suffix) }?.format
  }

  /// Guesses the format of `path` from its extension and, failing that, its first lines.
  ///
  /// By content: a first non-blank line that starts with markup (`<` and then a name, `?` or `!`,
  /// after an optional UTF-8 byte order mark and spaces) is XML, reported as `.tiger` so that the
  /// XML reader refines the dialect from the root element; one that is a JSON object is JSON
  /// Lines; 10 tab-separated fields are CoNLL-U; other tab-separated lines are TSV; lines that
  /// mostly (two thirds) have the same number (at least 2) of space-separated columns, with blank
  /// lines between sentences, are a CoNLL column file; lines whose tokens are (two thirds or
  /// more) `word/TAG` are `word/TAG` text; anything else is plain text.
  ///
  /// - Throws: `CorpusError` of kind `.unknownFormat` for an empty file, standard input, a pipe or
  ///   a device (which cannot be read twice), `.io` when the file cannot be read.
  public static func detect(path: String) throws -> CorpusFormat {
    if let format = fromExtension(of: path) { return format }
    guard path != "-" else {
      throw CorpusError(
        .unknownFormat("cannot detect the format of standard input; give --format"),
        file: "<stdin>")
    }
    var info = stat()
    if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG,
      (info.st_mode & S_IFMT) != S_IFDIR
    {
      // Reading a pipe, FIFO or device to guess would consume its start (or wait forever for
      // a writer), and it cannot be read again.
      throw CorpusError(
        .unknownFormat(
          "cannot detect the format of a pipe or device without consuming it; give --format"),
        file: path)
    }
    return try detectFromContent(path: path)
  }

  /// Guesses the format from the first lines.
  static func detectFromContent(path: String) throws -> CorpusFormat {
    var lines = try LineReader(path: path)
    var sample: [String] = []
    var hasBlankLine = false
    var isComplete = true
    while true {
      guard let line = try lines.nextLine() else { break }
      guard sample.count < 200 else {
        isComplete = false
        break
      }
      if line.isBlank {
        hasBlankLine = hasBlankLine || !sample.isEmpty
        continue
      }
      if sample.isEmpty && startsWithMarkup(line) { return .tiger }
      if sample.isEmpty && isJSONObject(line) { return .jsonl }
      sample.append(String(decoding: line, as: UTF8.self))
    }
    guard !sample.isEmpty else {
      throw CorpusError(.unknownFormat("cannot detect the format of an empty file"), file: path)
    }
    // A whole file of three or more lines without a blank line may be a one-sentence column file.
    return format(ofSample: sample, hasBlankLine: hasBlankLine || (isComplete && sample.count >= 3))
  }

  /// The format that the non-blank `sample` lines, which are not XML, look like.
  static func format(ofSample sample: [String], hasBlankLine: Bool) -> CorpusFormat {
    let wordLines = sample.filter { !$0.hasPrefix("#") }
    if let line = wordLines.first, line.contains("\t") {
      let fieldCount = line.split(separator: "\t", omittingEmptySubsequences: false).count
      return fieldCount == 10 ? .conllu : .tsv
    }
    if hasBlankLine && looksLikeColumns(sample) { return .columns }
    let tokens = sample.flatMap { $0.split(whereSeparator: \.isWhitespace) }
    // Most tokens, not all: a token that lacks its tag is then the reader's located error,
    // instead of the whole file turning into plain text with empty tags.
    if !tokens.isEmpty && 3 * tokens.count(where: isWordTag) >= 2 * tokens.count {
      return .wordTag
    }
    return .plain
  }

  /// Whether `line` is one JSON object (`{"words": […], …}`): the first line of JSON Lines.
  static func isJSONObject(_ line: ArraySlice<UInt8>) -> Bool {
    let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
    guard trimmed.first == UInt8(ascii: "{") else { return false }
    return (try? JSONSerialization.jsonObject(with: Data(trimmed))) is [String: Any]
  }

  /// Whether `line` starts like an XML document: a UTF-8 byte order mark, spaces and tabs (all
  /// optional), then `<` followed by a letter, `_`, `:`, `?` (a declaration) or `!` (a comment
  /// or doctype). A lone `<` (a column file's token) is not markup.
  static func startsWithMarkup<Bytes: Collection<UInt8>>(_ line: Bytes) -> Bool {
    var rest = line[...]
    if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
    rest = rest.drop { $0 == 0x20 || $0 == 0x09 }
    guard rest.first == UInt8(ascii: "<"), let next = rest.dropFirst().first else { return false }
    let isLetter = (0x61...0x7A).contains(next | 0x20)  // ASCII case folded
    return isLetter || next >= 0x80 || Array("_:?!".utf8).contains(next)
  }

  /// Whether at least two thirds of the lines (and two or more) share one column count of at
  /// least 2: a column file, with room for the ragged line that the reader will then report.
  private static func looksLikeColumns(_ sample: [String]) -> Bool {
    let tokenLines = sample.filter { !$0.hasPrefix("-DOCSTART-") }
    var linesPerCount: [Int: Int] = [:]
    for line in tokenLines {
      linesPerCount[line.split(whereSeparator: \.isWhitespace).count, default: 0] += 1
    }
    guard let (count, lines) = linesPerCount.max(by: { $0.value < $1.value }) else { return false }
    return count >= 2 && lines >= 2 && 3 * lines >= 2 * tokenLines.count
  }

  /// Whether `token` has a word, a `/` and a tag after it.
  private static func isWordTag(_ token: Substring) -> Bool {
    guard let slash = token.lastIndex(of: "/") else { return false }
    return slash != token.startIndex && token.index(after: slash) != token.endIndex
  }
}
