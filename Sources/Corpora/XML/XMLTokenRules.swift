/// What a dialect requires of each token, which tag layer it prefers and how tokens are ordered.
struct XMLTokenRules {
  /// The attribute that holds the word, or nil when the word is the element's text.
  var wordAttribute: String?
  /// The attribute of the format's default tag layer (`pos`, BNC `c5`).
  var defaultTagAttribute: String
  /// The tag layer the caller asks for.
  var requiredTagLayer: LayerSelector
  /// Whether every token must have a value for `requiredTagLayer` (`ReaderOptions.requiresTag`).
  var requiresTag: Bool
  /// The integer attribute that gives the tokens' order (Alpino `begin`); nil keeps document
  /// order.
  var orderAttribute: String?

  /// The rules of a dialect, with the tag layer and its requirement taken from `options`.
  init(
    wordAttribute: String?, defaultTagAttribute: String, options: ReaderOptions,
    orderAttribute: String? = nil
  ) {
    self.wordAttribute = wordAttribute
    self.defaultTagAttribute = defaultTagAttribute
    self.requiredTagLayer = options.tagLayer
    self.requiresTag = options.requiresTag
    self.orderAttribute = orderAttribute
  }

  /// The column of the default tag layer, found by name with `LayerSelector`'s aliases.
  func defaultTagColumn(in columns: XMLColumns) -> Int? {
    let name = columns.columnName(ofAttribute: defaultTagAttribute)
    return LayerSelector.name(name).columnIndex(in: columns.names, defaultColumn: 0)
  }

  /// The column of the required tag layer, or nil when no token has had it yet.
  func requiredTagColumn(in columns: XMLColumns) -> Int? {
    if case .default = requiredTagLayer { return defaultTagColumn(in: columns) }
    return requiredTagLayer.columnIndex(in: columns.names, defaultColumn: 0)
  }

  /// The attribute the required layer stands for: the default tag attribute or the name asked
  /// for; nil for a column number.
  var requiredAttribute: String? {
    switch requiredTagLayer {
    case .default: return defaultTagAttribute
    case .name(let name): return name
    case .column: return nil
    }
  }
}
