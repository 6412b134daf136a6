/// The column names of an XML file, `word` first and then attributes in first-seen order.
///
/// The set only grows while a file is read, so a column keeps its index from sentence to
/// sentence (a later sentence may have more columns than an earlier one, never fewer).
struct XMLColumns {
  /// The names; `word` is always column 0.
  private(set) var names = ["word"]
  private var indices = ["word": 0]
  /// Column indices by the pull reader's name ID, -1 where not known yet.
  private var indicesByNameID: [Int] = []

  /// A column set whose column 0 (`word`) also takes the attribute `wordAttribute`.
  init(wordAttribute: String?) {
    if let wordAttribute { indices[wordAttribute] = 0 }
  }

  /// The index of column `name`, added at the end when it is new.
  mutating func index(of name: String) -> Int {
    if let index = indices[name] { return index }
    names.append(name)
    indices[name] = names.count - 1
    return names.count - 1
  }

  /// The index of the column named by the reader's name ID `id`; `name` gives its text when the
  /// ID is new.
  mutating func index(ofNameID id: Int, name: () -> String) -> Int {
    if id < indicesByNameID.count && indicesByNameID[id] >= 0 { return indicesByNameID[id] }
    let column = index(of: name())
    if indicesByNameID.count <= id {
      indicesByNameID.append(contentsOf: repeatElement(-1, count: id + 1 - indicesByNameID.count))
    }
    indicesByNameID[id] = column
    return column
  }

  /// The index of column `name`, or nil when no token has had it.
  func existingIndex(of name: String) -> Int? { indices[name] }
}

/// One token element as read, before it is checked.
struct XMLTokenDraft {
  /// The element's local name (`t`, `w`, `pc`, `node`).
  var element: String
  /// The 1-based line of the element.
  var line: Int
  /// The word; nil when the element has none.
  var form: String?
  /// Values by column index; nil where the element has no such attribute.
  var values: [String?] = []

  /// Sets the value of column `index`, growing `values` as needed.
  mutating func set(_ value: String, at index: Int) {
    if values.count <= index {
      values.append(contentsOf: repeatElement(nil, count: index + 1 - values.count))
    }
    values[index] = value
  }

  /// Whether column `index` has a value.
  func hasValue(at index: Int) -> Bool {
    index < values.count && values[index] != nil
  }
}

/// One sentence element as read: its attributes and token drafts.
struct XMLSentenceDraft {
  /// The sentence element's attributes (and derived ones such as NPS `text`).
  var attributes: [(name: String, value: String)] = []
  /// The 1-based line of the sentence element.
  var line: Int
  var tokens: [XMLTokenDraft] = []
}

/// What a dialect requires of each token and which tag layer it prefers.
struct XMLTokenRules {
  /// The attribute that holds the word, or nil when the word is the element's text.
  var wordAttribute: String?
  /// The name of the format's default tag layer (`pos`, BNC `c5`).
  var defaultTagLayer: String
  /// The tag layer the caller requires a value for.
  var requiredTagLayer: LayerSelector
}

extension XMLSentenceDraft {
  /// The finished sentence, after checking that every token has a word and a tag.
  ///
  /// - Throws: `CorpusError` naming the element and line of the first token without a word or
  ///   without a value for the required tag layer.
  func sentence(columns: XMLColumns, rules: XMLTokenRules, file: String) throws -> Sentence {
    var sentence = Sentence(
      columnNames: columns.names, attributes: attributes, defaultTagColumn: 0, sourceLine: line)
    let defaultIndex = LayerSelector.name(rules.defaultTagLayer).columnIndex(in: sentence)
    sentence.defaultTagColumn = defaultIndex ?? 0
    let required: Int?
    if case .default = rules.requiredTagLayer {
      required = defaultIndex
    } else {
      required = rules.requiredTagLayer.columnIndex(in: sentence)
    }
    sentence.tokens.reserveCapacity(tokens.count)
    for draft in tokens {
      guard let form = draft.form else {
        let kind: CorpusError.Kind =
          rules.wordAttribute.map { .missingAttribute(element: draft.element, attribute: $0) }
          ?? .invalidContent("<\(draft.element)> element has no text")
        throw CorpusError(kind, file: file, line: draft.line)
      }
      guard let required, draft.hasValue(at: required) else {
        let layer = required.map { columns.names[$0] } ?? requiredLayerName(rules)
        throw CorpusError(
          .missingAttribute(element: draft.element, attribute: layer), file: file, line: draft.line)
      }
      var values = draft.values.map { $0 ?? "" }
      values.append(contentsOf: repeatElement("", count: columns.names.count - values.count))
      values[0] = form
      sentence.tokens.append(Token(form: form, values: values))
    }
    if defaultIndex == nil, let required { sentence.defaultTagColumn = required }
    return sentence
  }

  private func requiredLayerName(_ rules: XMLTokenRules) -> String {
    switch rules.requiredTagLayer {
    case .default: return rules.defaultTagLayer
    case .name(let name): return name
    case .column(let number): return "column \(number)"
    }
  }
}
