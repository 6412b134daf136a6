import Foundation

/// Reads JSON Lines corpora: one JSON object per line, one sentence per object.
///
/// Grammar: `{"words":["I","ran"],"upos":["PRON","VERB"], …}`. The key `words` (or `tokens`)
/// holds the words and becomes the column `word`; every other array of strings is a column of
/// the same length, named after its key (lowercased) and kept in the object's key order; other
/// values are sentence attributes: strings as they are, anything else (`"n": 17`, `"meta": {…}`)
/// as its JSON text, which `JSONLinesWriter` writes back unchanged
/// (`Sentence.jsonAttributeValues`). The default tag layer is `upos` when there is one (a
/// converted CoNLL-U file, as CoNLL-U's own default), else `tags` (what `tagcli tag` writes,
/// before a several-layer model's other layers), else the last column after the words (none
/// when the words are the only column). Blank lines are skipped. Objects are parsed with
/// Foundation's `JSONSerialization`; the key order, which it forgets, is read from the line.
///
/// Rejects invalid JSON, a line that is not an object, an object without `words`, a key written
/// twice or two keys that name the same column (`UPOS` and `upos`), arrays of strings whose
/// length differs from the words', and empty words.
///
/// - Throws: `CorpusError` with file and line; in lenient mode (`skipMalformed`) the bad line is
///   skipped and its error recorded in `skippedErrors` instead.
public struct JSONLinesReader: SentenceReader, LenientSentenceParsing {
  /// The columns that are the default tag layer when present, first found first.
  static let preferredTagKeys = ["upos", "tags"]

  /// Keys that hold the words, tried in order.
  public static let wordKeys = ["words", "tokens"]

  /// Whether malformed lines are skipped (and recorded) rather than thrown.
  public let skipsMalformed: Bool
  public internal(set) var skippedErrors: [CorpusError] = []

  private var lines: LineReader

  /// Opens a JSON Lines file; the path `-` reads standard input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be opened.
  public init(path: String, skipMalformed: Bool = false) throws {
    lines = try LineReader(path: path)
    skipsMalformed = skipMalformed
  }

  /// Reads JSON Lines held in memory; `name` stands for the file in error messages.
  public init(text: String, name: String = "<text>", skipMalformed: Bool = false) {
    lines = LineReader(bytes: Array(text.utf8), path: name)
    skipsMalformed = skipMalformed
  }

  public mutating func next() throws -> Sentence? {
    try nextSkippingMalformed()
  }

  mutating func parseSentence() throws -> Sentence? {
    while let line = try lines.nextLine() {
      if !line.isBlank { return try sentence(from: line) }
    }
    return nil
  }

  /// Nothing to skip: the bad line was the whole sentence.
  mutating func skipRest(after error: CorpusError) {}

  private func sentence(from line: ArraySlice<UInt8>) throws -> Sentence {
    let object = try parseObject(line)
    let keys = JSONKeyOrder.topLevelKeys(of: line)
    try refuseRepeatedKeys(keys, line)
    guard let wordKey = Self.wordKeys.first(where: { object[$0] != nil }) else {
      throw error("expected a \"words\" array, found keys " + keys.joined(separator: " "), line)
    }
    guard let words = object[wordKey] as? [String] else {
      throw error("expected \"\(wordKey)\" to be an array of strings", line)
    }
    var names: [String] = []
    var columns: [[String]] = []
    var attributes: [(name: String, value: String)] = []
    var keyOfColumn: [String: String] = [:]
    var jsonValues: [String: String] = [:]
    var valueTexts: [String: String]?  // scanned for the first value that is no string
    for key in keys {
      if let values = object[key] as? [String] {
        try refuseNUL(in: values, key: key, line)
        guard values.count == words.count else {
          throw error(
            "expected \(words.count) values in \"\(key)\" (one per word), found \(values.count)",
            line)
        }
        let name = key == wordKey ? "word" : key.lowercased()
        if let earlier = keyOfColumn.updateValue(key, forKey: name) {
          throw error(
            "the keys \"\(earlier)\" and \"\(key)\" name the same column (\"\(name)\"); "
              + "expected one of them", line)
        }
        names.append(name)
        columns.append(values)
      } else if let value = object[key] as? String {
        try refuseNUL(in: [value], key: key, line)
        attributes.append((key, value))
      } else {
        // A number, true, false, null, an object, or an array that is no column: kept as written.
        let texts = valueTexts ?? JSONKeyOrder.topLevelValueTexts(of: line)
        valueTexts = texts
        guard let text = texts[key] else {
          throw error("expected \"\(key)\" to be a JSON value", line)
        }
        attributes.append((key, text))
        jsonValues[key] = text
      }
    }
    guard !words.contains(where: \.isEmpty) else {
      throw lines.error(.emptyForm)
    }
    let wordIndex = names.firstIndex(of: "word") ?? 0
    var sentence = Sentence(
      columnNames: names, attributes: attributes,
      defaultTagColumn: Self.preferredTagKeys.lazy.compactMap { names.firstIndex(of: $0) }.first
        ?? ColumnNaming.defaultTagColumn(columnCount: names.count, wordIndex: wordIndex),
      sourceLine: lines.lineNumber)
    sentence.jsonAttributeValues = jsonValues
    sentence.tokens = words.indices.map { position in
      Token(form: words[position], values: columns.map { $0[position] })
    }
    return sentence
  }

  /// A key written twice keeps one of its values in silence (Foundation keeps the last), so it
  /// is refused.
  private func refuseRepeatedKeys(_ keys: [String], _ line: ArraySlice<UInt8>) throws {
    var seen = Set<String>()
    for key in keys where !seen.insert(key).inserted {
      throw error("the key \"\(key)\" appears twice; expected each key once", line)
    }
  }

  /// A "\u0000" escape is valid JSON, but no word, tag or label holds NUL.
  private func refuseNUL(in texts: [String], key: String, _ line: ArraySlice<UInt8>) throws {
    if texts.contains(where: { $0.utf8.contains(0) }) {
      throw error(
        "\"\(key)\" holds a NUL character (\\u0000), which no word, tag or label can hold", line)
    }
  }

  private func parseObject(_ line: ArraySlice<UInt8>) throws -> [String: Any] {
    let parsed: Any
    do {
      parsed = try JSONSerialization.jsonObject(with: Data(line))
    } catch {
      throw self.error("invalid JSON", line)
    }
    guard let object = parsed as? [String: Any] else {
      throw self.error("expected a JSON object", line)
    }
    return object
  }

  private func error(_ message: String, _ line: ArraySlice<UInt8>) -> CorpusError {
    lines.error(.invalidContent(message), quoting: line)
  }
}
