/// A `LineReader` that can look at the first lines of its input before they are read.
///
/// Readers that must guess something from the data (the column names of a CoNLL column file)
/// peek at a bounded number of lines first; the peeked lines are then returned again by
/// `nextLine()`, so standard input works as well as a file. Memory stays bounded by the peek.
struct LookaheadLineReader: LineSource {
  private var base: LineReader
  private var lookahead: [[UInt8]] = []
  private var lookaheadIndex = 0
  /// The 1-based number of the line last returned.
  private(set) var lineNumber = 0

  /// The path as the user gave it, used in error messages.
  var path: String { base.path }

  /// Wraps `base`, which must not have been read yet.
  init(_ base: LineReader) {
    self.base = base
  }

  /// Reads up to `count` lines ahead and returns them; `nextLine()` will return them again.
  ///
  /// - Throws: `CorpusError` of kind `.io` when reading fails.
  mutating func peek(upTo count: Int) throws -> [[UInt8]] {
    precondition(lineNumber == 0, "peek(upTo:) after reading line \(lineNumber)")
    while lookahead.count < count, let line = try base.nextLine() {
      lookahead.append(Array(line))
    }
    return lookahead
  }

  /// The next line without its line break, or nil at the end of the input.
  ///
  /// - Throws: `CorpusError` of kind `.io` when reading fails.
  mutating func nextLine() throws -> ArraySlice<UInt8>? {
    if lookaheadIndex < lookahead.count {
      lineNumber += 1
      lookaheadIndex += 1
      return lookahead[lookaheadIndex - 1][...]
    }
    if !lookahead.isEmpty {
      lookahead = []
      lookaheadIndex = 0
    }
    guard let line = try base.nextLine() else { return nil }
    lineNumber += 1
    return line
  }
}
