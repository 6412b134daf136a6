/// One tagging unit (a word) with every column of its source format.
///
/// `values` is aligned with the owning sentence's `columnNames`; it holds all columns, the word
/// column included, so that a writer of the same format reproduces the input exactly.
public struct Token: Sendable, Equatable {
  /// The word as written in the source.
  public var form: String
  /// The token's columns, aligned with `Sentence.columnNames`.
  public var values: [String]

  /// Creates a token.
  public init(form: String, values: [String]) {
    self.form = form
    self.values = values
  }
}
