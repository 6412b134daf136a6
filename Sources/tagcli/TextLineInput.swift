import ArgumentParser
import Corpora
import Foundation

/// Lines of text for the language model, from plain text or from any corpus format.
///
/// Plain text (`--format plain`, a `.txt` file, or a file detected as plain text) gives one line
/// per line of the file, unchanged except for a trailing `\r` and a leading byte order mark. A
/// corpus gives one line per sentence: its `# text =` comment when it has one, else its words
/// joined by spaces. Blank lines are skipped.
enum TextLineInput {
  /// The non-blank lines of every file, in order.
  ///
  /// - Parameter maxLength: the most Unicode scalars a line may have (nil: no limit).
  /// - Throws: `CorpusError` for unreadable files, invalid UTF-8 (with the line), malformed
  ///   corpora or a line over `maxLength` (with the line, or the sentence of a corpus);
  ///   `ValidationError` when no line has any text.
  static func lines(of paths: [String], corpus: CorpusOptions, maxLength: Int? = nil) throws
    -> [String]
  {
    var lines: [String] = []
    for path in paths {
      try refuseClosedStandardInput(path: path, advice: "give a file or pipe the text in")
      let format =
        try corpus.corpusFormat
        ?? (path.lowercased().hasSuffix(".txt") ? .plain : CorpusFormat.detect(path: path))
      lines +=
        try format == .plain
        ? plainLines(path, maxLength: maxLength)
        : corpusLines(path, corpus: corpus, maxLength: maxLength)
    }
    guard !lines.isEmpty else {
      throw ValidationError(
        "\(paths.joined(separator: ", ")): no text: the input is empty or has only blank lines")
    }
    return lines
  }

  /// Whether a line has no text: only whitespace scalars (a combining mark after a space is one
  /// whitespace character with it, but it is text, and the model reads scalars).
  static func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
  }

  /// The non-blank lines of a plain text file (`-`: standard input, read to its end), each of
  /// at most `maxLength` scalars.
  static func plainLines(_ path: String, maxLength: Int? = nil) throws -> [String] {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let contents = FileManager.default.contents(atPath: path) else {
        throw CorpusError(.io("cannot read the file"), file: path)
      }
      data = contents
    }
    let path = path == "-" ? "<stdin>" : path
    var lines: [String] = []
    var bytes = data[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    for (index, rawLine) in bytes.split(
      separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false
    )
    .enumerated() {
      let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
      let bytes = ArraySlice(line)
      let text = try decodeUTF8(bytes, lineStart: bytes.startIndex, file: path, line: index + 1)
      try refuse(text, over: maxLength, path: path, line: index + 1, what: "the line")
      if !isBlank(text) { lines.append(text) }
    }
    return lines
  }

  /// Throws when `text` has more than `maxLength` scalars, naming where it is.
  private static func refuse(
    _ text: String, over maxLength: Int?, path: String, line: Int?, what: String
  ) throws {
    guard let maxLength else { return }
    let count = text.unicodeScalars.count
    guard count > maxLength else { return }
    throw CorpusError(
      .invalidContent(
        "\(what) has \(count) characters; lm train takes lines of up to \(maxLength), since it "
          + "holds a line's activations in memory: split the text into shorter lines"),
      file: path, line: line)
  }

  /// One line per sentence of a corpus: its `# text` or its words joined, each of at most
  /// `maxLength` scalars.
  static func corpusLines(_ path: String, corpus: CorpusOptions, maxLength: Int? = nil) throws
    -> [String]
  {
    var options = corpus.readerOptions
    options.requiresTag = false
    var reader = try makeSentenceReader(path: path, format: corpus.corpusFormat, options: options)
    var lines: [String] = []
    var sentenceCount = 0
    while let sentence = try reader.next() {
      let text =
        sentence.comments.lazy.compactMap(textComment).first
        ?? sentence.forms.joined(separator: " ")
      try refuse(
        text, over: maxLength, path: path, line: nil, what: "sentence \(sentenceCount + 1)'s text")
      sentenceCount += 1
      if !isBlank(text) { lines.append(text) }
    }
    return lines
  }

  /// The value of a `# text = …` comment, or nil for another comment.
  static func textComment(_ comment: String) -> String? {
    var rest = comment.drop { $0 == "#" || $0 == " " }
    guard rest.hasPrefix("text") else { return nil }
    rest = rest.dropFirst(4).drop { $0 == " " }
    guard rest.first == "=" else { return nil }
    return String(rest.dropFirst().drop { $0 == " " })
  }
}
