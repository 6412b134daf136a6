/// Splits raw text into words.
public protocol Tokenizer: Sendable {
  /// The words of one line of text.
  func tokenize(_ line: String) -> [String]
}

/// Splits on whitespace only: the input is already tokenised.
public struct WhitespaceTokenizer: Tokenizer {
  /// Creates the tokenizer.
  public init() {}

  public func tokenize(_ line: String) -> [String] {
    asciiWords(line) ?? whitespaceSeparatedChunks(of: line).map(String.init)
  }

  /// The words of an all-ASCII line, split on its whitespace bytes (space, tab, line feed,
  /// vertical tab, form feed, carriage return: exactly the ASCII characters `isWhitespace`
  /// accepts) without building `Character`s; nil when the line has other bytes.
  private func asciiWords(_ line: String) -> [String]? {
    var line = line
    return line.withUTF8 { bytes -> [String]? in
      var words: [String] = []
      var start = -1
      for index in bytes.indices {
        let byte = bytes[index]
        guard byte < 0x80 else { return nil }
        let isSpace = byte == 0x20 || (0x09...0x0D).contains(byte)
        if isSpace {
          if start >= 0 {
            words.append(
              String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            start = -1
          }
        } else if start < 0 {
          start = index
        }
      }
      if start >= 0 {
        words.append(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
      }
      return words
    }
  }
}

/// The parts of `line` between runs of whitespace (Unicode's White_Space property), split at
/// Unicode scalars rather than characters: a combining mark typed after a space forms one
/// character with it, and that character counts as whitespace, so splitting by characters lost
/// the mark. Here the mark starts a part of its own.
func whitespaceSeparatedChunks(of line: String) -> [Substring] {
  line.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).map(Substring.init)
}
