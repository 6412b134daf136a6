import Corpora
import Foundation

extension CorpusOptions {
  /// Reads every sentence of `path` and hands it to `body`; a file with no sentence, or with no
  /// token in any sentence, is an error rather than a silent zero.
  ///
  /// - Returns: the sentences skipped in lenient mode.
  /// - Throws: `CorpusError` from the reader or `body`, or `noSentences(in:)`.
  func readSentences(
    of path: String, options: ReaderOptions? = nil, _ body: (Sentence) throws -> Void
  ) throws -> [CorpusError] {
    var reader = try makeSentenceReader(
      path: path, format: corpusFormat, options: options ?? readerOptions)
    var tokenCount = 0
    while let sentence = try reader.next() {
      tokenCount += sentence.tokens.count
      try body(sentence)
    }
    guard tokenCount > 0 else { throw noSentences(in: path) }
    let unwrapped = (reader as? LabelingSentenceReader)?.wrappedReader ?? reader
    if let generic = unwrapped as? GenericXMLReader, generic.wordlessTokenCount > 0 {
      FileHandle.standardError.write(
        Data(
          "\(path): skipped \(generic.wordlessTokenCount) token element(s) without a word\n".utf8))
    }
    return reader.skippedErrors
  }

  /// The error for an input that held no sentence (or only empty ones): it says what the
  /// format read it as, and what that format expects.
  func noSentences(in path: String) -> CorpusError {
    Self.noSentences(in: path, format: corpusFormat)
  }

  /// The error for `path` holding no sentence when read as `format` (nil: detected).
  static func noSentences(in path: String, format: CorpusFormat?) -> CorpusError {
    let format = format ?? (path == "-" ? nil : try? CorpusFormat.detect(path: path))
    let expectation: String
    switch format {
    case .conllu, .conllx:
      expectation =
        "expected token lines of 10 tab-separated fields, a blank line after each sentence"
    case .columns, .tsv:
      expectation = "expected one token per line in columns, a blank line after each sentence"
    case .wordTag, .penn: expectation = "expected word/TAG tokens"
    case .plain: expectation = "expected one sentence of words per line"
    case .jsonl: expectation = "expected one JSON object with \"words\" per line"
    case .labeled: expectation = "expected label<TAB>text or __label__x text per line"
    case .tiger, .tei, .alpino:
      expectation =
        "expected a TIGER-XML, NPS Chat, TEI/BNC or Alpino corpus; for other XML give "
        + "--xml-sentence and --xml-token"
    case .xml:
      expectation = "expected --xml-sentence elements holding --xml-token elements"
    case nil: expectation = "the input is empty"
    }
    let name = format.map { " as \($0.rawValue)" } ?? ""
    return CorpusError(
      .invalidContent("no sentences found (read\(name); \(expectation))"),
      file: path == "-" ? "<stdin>" : path)
  }
}
