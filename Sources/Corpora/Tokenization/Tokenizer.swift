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
    line.split(whereSeparator: \.isWhitespace).map(String.init)
  }
}
