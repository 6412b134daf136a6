/// A source of numbered lines: `LineReader`, or `LookaheadLineReader` over one.
protocol LineSource {
  /// The path as the user gave it, used in error messages.
  var path: String { get }
  /// The 1-based number of the line last returned.
  var lineNumber: Int { get }
  /// The next line without its line break, or nil at the end of the input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when reading fails.
  mutating func nextLine() throws -> ArraySlice<UInt8>?
}

extension LineSource {
  /// Skips the rest of a sentence in which an error was found on line `errorLine`: reads up to and
  /// including the next line for which `isBreak` holds, unless the error was found past that line
  /// already (a check made at the sentence's end).
  ///
  /// - Throws: `CorpusError` of kind `.io` when reading fails.
  mutating func skipRestOfSentence(
    afterErrorOnLine errorLine: Int?, isBreak: (ArraySlice<UInt8>) -> Bool
  ) throws {
    if lineNumber > (errorLine ?? 0) { return }
    while let line = try nextLine(), !isBreak(line) {}
  }
}

extension LineSource {
  /// An error of `kind` on the current line, quoting `excerpt` (the line or one field of it).
  func error(
    _ kind: CorpusError.Kind, column: Int? = nil, quoting excerpt: ArraySlice<UInt8>? = nil
  ) -> CorpusError {
    CorpusError(
      kind, file: path, line: lineNumber, column: column,
      excerpt: excerpt.map { String(decoding: $0, as: UTF8.self) })
  }

  /// `bytes`, a part of the current line `line`, decoded as UTF-8.
  ///
  /// - Throws: `CorpusError` of kind `.invalidUTF8` with the byte column in `line`.
  func decode(_ bytes: ArraySlice<UInt8>, in line: ArraySlice<UInt8>) throws -> String {
    try decodeUTF8(bytes, lineStart: line.startIndex, file: path, line: lineNumber)
  }
}
