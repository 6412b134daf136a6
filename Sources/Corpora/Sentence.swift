/// A sentence: its tagging units plus whatever its source format keeps around them.
///
/// Every token's `values` follow `columnNames`. Lines that are not tagging units (CoNLL-U
/// multiword ranges `3-4` and empty nodes `8.1`) are kept in `extraLines` so a writer can put
/// them back in place.
public struct Sentence: Sendable, Equatable {
  /// A source line that is not a tagging unit, kept for round trips.
  public struct ExtraLine: Sendable, Equatable {
    /// The index in `tokens` of the token this line precedes (`tokens.count` for the end).
    public var tokenIndex: Int
    /// The line's fields.
    public var fields: [String]

    /// Creates an extra line.
    public init(tokenIndex: Int, fields: [String]) {
      self.tokenIndex = tokenIndex
      self.fields = fields
    }
  }

  /// Names of the token columns, lowercased (`id`, `form`, `upos`, … for CoNLL-U).
  public var columnNames: [String]
  /// The tagging units.
  public var tokens: [Token]
  /// Comment lines before the sentence, verbatim without their line break (CoNLL-U `# …`).
  public var comments: [String]
  /// Lines that are not tagging units, in order.
  public var extraLines: [ExtraLine]
  /// Sentence-level attributes (an XML sentence `id`, a post's `class`, …).
  public var attributes: [(name: String, value: String)]
  /// The JSON text of the attributes that a JSON Lines object held as a number, `true`, `false`,
  /// `null`, an object or an array that is no column (`"n": 17`), by name; their value in
  /// `attributes` is that same text. The JSON Lines writer writes such a value back as it was
  /// while it is unchanged; other formats write the text.
  public var jsonAttributeValues: [String: String] = [:]
  /// The index in `columnNames` of the format's default tag layer.
  public var defaultTagColumn: Int
  /// The 1-based line on which the sentence starts in its source, 0 when unknown.
  public var sourceLine: Int
  /// The sentence's label (a dialogue act, a sentiment…), nil when it has none.
  public var label: String? = nil
  /// The name the label is kept under: the CoNLL-U comment key, XML attribute or JSON key.
  public var labelKey = Sentence.defaultLabelKey
  /// How sure an annotator was of each token's tag (in the writer's tag layer), one per token;
  /// empty when unknown. Writers add them as `WriterOptions.confidence` asks.
  public var tagConfidences: [Confidence] = []
  /// How sure an annotator was of `label`; nil when unknown.
  public var labelConfidence: Confidence? = nil

  /// Creates a sentence.
  public init(
    columnNames: [String], tokens: [Token] = [], comments: [String] = [],
    extraLines: [ExtraLine] = [], attributes: [(name: String, value: String)] = [],
    defaultTagColumn: Int, sourceLine: Int = 0
  ) {
    self.columnNames = columnNames
    self.tokens = tokens
    self.comments = comments
    self.extraLines = extraLines
    self.attributes = attributes
    self.defaultTagColumn = defaultTagColumn
    self.sourceLine = sourceLine
  }

  /// The words of the sentence.
  public var forms: [String] { tokens.map(\.form) }

  /// The value of column `column` for every token.
  public func values(ofColumn column: Int) -> [String] {
    tokens.map { $0.values[column] }
  }

  /// The value of a sentence attribute.
  public func attribute(_ name: String) -> String? {
    attributes.first { $0.name == name }?.value
  }

  public static func == (lhs: Sentence, rhs: Sentence) -> Bool {
    lhs.columnNames == rhs.columnNames && lhs.tokens == rhs.tokens
      && lhs.comments == rhs.comments && lhs.extraLines == rhs.extraLines
      && lhs.defaultTagColumn == rhs.defaultTagColumn
      && lhs.label == rhs.label && lhs.labelKey == rhs.labelKey
      && lhs.tagConfidences == rhs.tagConfidences && lhs.labelConfidence == rhs.labelConfidence
      && lhs.attributes.elementsEqual(rhs.attributes) { $0 == $1 }
      && lhs.jsonAttributeValues == rhs.jsonAttributeValues
  }
}
