import Foundation
import Testing

@testable import Corpora

/// Helpers for tests that write corpora: a temporary directory and read-write round trips.
enum RoundTrip {
  /// Runs `body` with a fresh temporary directory that is deleted afterwards.
  static func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("corpora-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
  }

  /// Reads `path` in `input` and writes every sentence in `output`; returns the bytes written.
  static func convert(
    _ path: String, from input: CorpusFormat? = nil, to output: CorpusFormat,
    readerOptions: ReaderOptions = ReaderOptions(), writerOptions: WriterOptions = WriterOptions()
  ) throws -> Data {
    try withTemporaryDirectory { directory in
      let outputPath = directory.appendingPathComponent("out").path
      let sink = try TextOutput(path: outputPath)
      var writer = try makeSentenceWriter(format: output, output: sink, options: writerOptions)
      var reader = try makeSentenceReader(path: path, format: input, options: readerOptions)
      while let sentence = try reader.next() { try writer.write(sentence) }
      try writer.finish()
      try sink.close()
      return try Data(contentsOf: URL(fileURLWithPath: outputPath))
    }
  }

  /// Writes `sentences` in `format` and returns the text.
  static func text(
    of sentences: [Sentence], in format: CorpusFormat, options: WriterOptions = WriterOptions()
  ) throws -> String {
    try withTemporaryDirectory { directory in
      let outputPath = directory.appendingPathComponent("out").path
      let sink = try TextOutput(path: outputPath)
      var writer = try makeSentenceWriter(format: format, output: sink, options: options)
      for sentence in sentences { try writer.write(sentence) }
      try writer.finish()
      try sink.close()
      return try String(contentsOfFile: outputPath, encoding: .utf8)
    }
  }

  /// The bytes of a file.
  static func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }
}
