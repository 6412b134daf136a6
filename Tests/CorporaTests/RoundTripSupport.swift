import Foundation
import Testing

@testable import Corpora

/// Read-write round trips for tests that write corpora.
enum RoundTrip {
  /// Reads `path` in `input` and writes every sentence in `output`; returns the bytes written.
  static func convert(
    _ path: String, from input: CorpusFormat? = nil, to output: CorpusFormat,
    readerOptions: ReaderOptions = ReaderOptions(), writerOptions: WriterOptions = WriterOptions()
  ) throws -> Data {
    var reader = try makeSentenceReader(path: path, format: input, options: readerOptions)
    let directory = try TemporaryDirectory()
    let written = try directory.write(try reader.readAll(), as: output, options: writerOptions)
    return try bytes(written)
  }

  /// Writes `sentences` in `format` and returns the text.
  static func text(
    of sentences: [Sentence], in format: CorpusFormat, options: WriterOptions = WriterOptions()
  ) throws -> String {
    let directory = try TemporaryDirectory()
    let written = try directory.write(sentences, as: format, options: options)
    return try String(contentsOfFile: written, encoding: .utf8)
  }

  /// The bytes of a file.
  static func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }
}
