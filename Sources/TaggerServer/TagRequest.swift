import Corpora
import Foundation

/// The answer formats of `POST /tag`.
enum TagResponseFormat: String, CaseIterable, Sendable {
  /// `{"model": …, "sentences": [[{"word", "tag", "prob"?, "top"?}, …], …]}`.
  case json
  /// CoNLL-U, as `tagcli tag --output conllu` writes it.
  case conllu
  /// `word/TAG` lines, as `tagcli tag` writes them.
  case wordtag
}

/// A client error in a request: answered with `status` and `message`, which names the field.
struct RequestError: Error, Equatable {
  /// The HTTP status code (400, 404, 413, 415).
  var status: Int
  /// What is wrong, naming the field or parameter.
  var message: String

  static func badRequest(_ message: String) -> RequestError {
    RequestError(status: 400, message: message)
  }
}

/// The options of `POST /tag`, parsed once from the query string.
struct TagOptions: Equatable, Sendable {
  /// The model named by `?model=`; nil for the default (the first served).
  var modelName: String?
  /// `?output=`; nil until the body's kind decides the default.
  var output: TagResponseFormat?
  /// `?probs=true`: the probability of each chosen tag.
  var showsProbabilities = false
  /// `?top=K`: the K most probable tags; 0 when not asked.
  var topK = 0

  /// Parses query parameters; an unknown parameter or a bad value is a `400` naming it.
  init(query: [(name: String, value: String)]) throws(RequestError) {
    for (name, value) in query {
      switch name {
      case "model": modelName = value
      case "output":
        guard let format = TagResponseFormat(rawValue: value) else {
          throw .badRequest("output: unknown format \"\(value)\"; expected json, conllu or wordtag")
        }
        output = format
      case "probs":
        switch value {
        case "", "true", "1": showsProbabilities = true
        case "false", "0": showsProbabilities = false
        default: throw .badRequest("probs: expected true or false, got \"\(value)\"")
        }
      case "top":
        guard let k = Int(value), (1...1_000).contains(k) else {
          throw .badRequest("top: expected a whole number from 1 to 1000, got \"\(value)\"")
        }
        topK = k
      default:
        throw .badRequest(
          "unknown query parameter \"\(name)\"; expected model, output, probs or top")
      }
    }
  }
}

/// The sentences of a `POST /tag` body.
enum TagInput: Sendable {
  /// Word forms from JSON (`text`, tokenized, or `sentences`) or plain text, with the input
  /// columns JSON gave beside `sentences` (`columns`: a lowercased name → one array of values
  /// per sentence, one value per word; empty when none was given).
  case words([[String]], columns: [String: [[String]]] = [:])
  /// CoNLL-U sentences: their tag layer is filled in, everything else is kept.
  case conllu([Sentence])

  /// The words of each sentence.
  var words: [[String]] {
    switch self {
    case .words(let words, _): words
    case .conllu(let sentences): sentences.map(\.forms)
    }
  }

  /// Parses a body by its `Content-Type`: `text/x-conllu` is CoNLL-U, `text/plain` is raw text
  /// (one sentence per line, as `tagcli tag` reads it), anything else is JSON
  /// (`{"text": "…"}` or `{"sentences": [["…", …], …]}`, the latter with an optional
  /// `"columns": {"pos": [["…", …], …]}` of input columns, one value per word).
  static func parse(body: [UInt8], contentType: String?, tokenizer: any Tokenizer)
    throws(RequestError) -> TagInput
  {
    let mediaType = contentType.map(Self.mediaType(of:)) ?? ""
    // Decoding with replacement characters would tag other words than the client sent.
    guard let text = String(validating: body, as: UTF8.self) else {
      let offset = firstInvalidUTF8Offset(body[...]) ?? 0
      throw .badRequest(
        "body: not valid UTF-8 (byte 0x\(String(body[offset], radix: 16, uppercase: true)) at "
          + "offset \(offset)); send UTF-8 text")
    }
    // Valid UTF-8, but no text holds it: UTF-16 text sent as is has one in every other byte.
    if let nul = body.firstIndex(of: 0) {
      throw .badRequest("body: a NUL byte at offset \(nul); send UTF-8 text, not UTF-16")
    }
    let input: TagInput
    switch mediaType {
    case "text/x-conllu": input = try parseCoNLLU(text)
    case "text/plain": input = .words(try lines(text, tokenizer, field: "body"))
    default: input = try parseJSON(body, tokenizer: tokenizer)
    }
    // Zero words answered with 200 would be a silent empty answer; `tagcli tag` refuses it too.
    if input.words.isEmpty { throw .badRequest("body: no sentences to tag") }
    if input.words.allSatisfy(\.isEmpty) {
      throw .badRequest("body: no words to tag (every sentence is empty)")
    }
    return input
  }

  /// The media type of a `Content-Type` value, lowercased, without parameters and the spaces
  /// and tabs around it (`Text/Plain; charset=utf-8` is `text/plain`).
  static func mediaType(of contentType: String) -> String {
    let type = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }
    let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    let trimmed = type.drop(while: isBlank).reversed().drop(while: isBlank).reversed()
    return String(decoding: trimmed, as: UTF8.self).lowercased()
  }

  /// One sentence per line, as `tagcli tag` reads lines: split at `\n`, a `\r` before it is
  /// dropped, and a final line break ends the last line. A `\r` anywhere else is refused, as
  /// `tagcli tag` refuses it: text whose lines end in `\r` alone would be one sentence. Errors
  /// name `field`: the JSON field holding the text, or the body itself.
  static func lines(_ text: String, _ tokenizer: any Tokenizer, field: String = "text")
    throws(RequestError) -> [[String]]
  {
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    if lines.last?.isEmpty == true { lines.removeLast() }
    var sentences: [[String]] = []
    sentences.reserveCapacity(lines.count)
    for (index, line) in lines.enumerated() {
      let line = line.last == "\r" ? line.dropLast() : line
      if line.unicodeScalars.contains("\r") {
        throw .badRequest(
          "\(field): line \(index + 1) holds a carriage return (\\r) that ends no line; "
            + "end lines with \\n")
      }
      sentences.append(tokenizer.tokenize(String(line)))
    }
    return sentences
  }

  private static func parseCoNLLU(_ text: String) throws(RequestError) -> TagInput {
    var reader = CoNLLUReader(text: text, name: "body")
    var sentences: [Sentence] = []
    do {
      while let sentence = try reader.next() { sentences.append(sentence) }
    } catch {
      throw .badRequest("\(error)")
    }
    return .conllu(sentences)
  }

  private static func parseJSON(_ body: [UInt8], tokenizer: any Tokenizer) throws(RequestError)
    -> TagInput
  {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(body))
    } catch {
      throw .badRequest("body: not valid JSON (\(error.localizedDescription))")
    }
    guard let fields = object as? [String: Any] else {
      throw .badRequest("body: expected a JSON object with \"text\" or \"sentences\"")
    }
    if let unknown = fields.keys.sorted().first(where: { !Self.jsonFields.contains($0) }) {
      throw .badRequest(
        "\(unknown): unknown field; expected \"text\" or \"sentences\" (and \"columns\")")
    }
    // JSONSerialization keeps one value of a repeated field in silence.
    var seen = Set<String>()
    for key in JSONKeyOrder.topLevelKeys(of: body[...]) where !seen.insert(key).inserted {
      throw .badRequest("\(key): the field appears twice; give it once")
    }
    switch (fields["text"], fields["sentences"]) {
    case (nil, nil):
      throw .badRequest("text or sentences: missing field (give one of them)")
    case (.some, .some):
      throw .badRequest("text and sentences: give one of them, not both")
    case (let text?, nil):
      guard let text = text as? String else { throw .badRequest("text: expected a string") }
      if fields["columns"] != nil {
        throw .badRequest(
          "columns: go with \"sentences\" (words given one by one), not with \"text\"")
      }
      return .words(try lines(text, tokenizer))
    case (nil, let sentences?):
      let words = try words(ofSentences: sentences)
      guard let value = fields["columns"] else { return .words(words) }
      var seenColumns = Set<String>()
      for key in JSONKeyOrder.keys(ofMember: "columns", in: body[...])
      where !seenColumns.insert(key).inserted {
        throw .badRequest("columns.\(key): the column appears twice; give it once")
      }
      return .words(words, columns: try columns(value, of: words))
    }
  }

  /// The members of a JSON body.
  static let jsonFields: Set<String> = ["text", "sentences", "columns"]

  /// The `columns` member: each input column's values, one array per sentence of `sentences`
  /// with one non-empty string per word. Names are lowercased, as layer names are matched.
  private static func columns(_ value: Any, of sentences: [[String]]) throws(RequestError)
    -> [String: [[String]]]
  {
    guard let object = value as? [String: Any], !object.isEmpty else {
      throw .badRequest(
        "columns: expected an object of input columns, each an array of arrays of values "
          + "(one array per sentence, one value per word)")
    }
    var result: [String: [[String]]] = [:]
    for name in object.keys.sorted() {
      let field = "columns.\(name)"
      guard result[name.lowercased()] == nil else {
        throw .badRequest("\(field): the column is named twice (names ignore case)")
      }
      let shape = "\(sentences.count) array(s) of values, one per sentence"
      guard let rows = object[name] as? [Any] else {
        throw .badRequest("\(field): expected \(shape)")
      }
      guard rows.count == sentences.count else {
        throw .badRequest("\(field): \(rows.count) array(s) for \(sentences.count) sentence(s)")
      }
      var values: [[String]] = []
      values.reserveCapacity(rows.count)
      for (index, row) in rows.enumerated() {
        guard let row = row as? [Any] else {
          throw .badRequest("\(field)[\(index)]: expected an array of values, one per word")
        }
        guard row.count == sentences[index].count else {
          throw .badRequest(
            "\(field)[\(index)]: \(row.count) value(s) for the \(sentences[index].count) word(s) "
              + "of sentences[\(index)]")
        }
        values.append(try nonEmptyStrings(row, field: "\(field)[\(index)]"))
      }
      result[name.lowercased()] = values
    }
    return result
  }

  private static func words(ofSentences value: Any) throws(RequestError) -> [[String]] {
    guard let sentences = value as? [Any] else {
      throw .badRequest("sentences: expected an array of arrays of words")
    }
    var result: [[String]] = []
    result.reserveCapacity(sentences.count)
    for (index, sentence) in sentences.enumerated() {
      guard let words = sentence as? [Any] else {
        throw .badRequest("sentences[\(index)]: expected an array of words")
      }
      result.append(try nonEmptyStrings(words, field: "sentences[\(index)]"))
    }
    return result
  }

  /// `values` as strings, each non-empty; an error names `field[position]`.
  private static func nonEmptyStrings(_ values: [Any], field: String) throws(RequestError)
    -> [String]
  {
    var strings: [String] = []
    strings.reserveCapacity(values.count)
    for (position, value) in values.enumerated() {
      guard let string = value as? String, !string.isEmpty else {
        throw .badRequest("\(field)[\(position)]: expected a non-empty string")
      }
      strings.append(string)
    }
    return strings
  }
}
