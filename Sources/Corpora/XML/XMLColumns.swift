/// The columns of an XML file: `word` first, then one per attribute in first-seen order.
///
/// The set only grows while a file is read, so a column keeps its index from sentence to
/// sentence (a later sentence may have more columns than an earlier one, never fewer). A column
/// is named after its attribute unless the dialect renames it (TEI `pos` → `upos`).
struct XMLColumns {
  /// The column names; `word` is always column 0.
  private(set) var names = ["word"]
  /// The attribute of each column (`word`, or the word attribute, for column 0).
  private var attributes: [String]
  /// Column indices by attribute name.
  private var indices = ["word": 0]
  /// Column names of the attributes that a dialect renames.
  private let renamedAttributes: [String: String]
  /// Column indices by the pull reader's name ID, -1 where not known yet.
  private var indicesByNameID: [Int] = []

  /// A column set whose column 0 (`word`) also takes the attribute `wordAttribute`, and whose
  /// columns for the attributes in `renamedAttributes` take the names given there.
  init(wordAttribute: String?, renamedAttributes: [String: String] = [:]) {
    attributes = [wordAttribute ?? "word"]
    if let wordAttribute { indices[wordAttribute] = 0 }
    self.renamedAttributes = renamedAttributes
  }

  /// The name of the column that attribute `attribute` fills (or would fill).
  func columnName(ofAttribute attribute: String) -> String {
    renamedAttributes[attribute] ?? attribute
  }

  /// The attribute that fills column `index`, for messages.
  func attributeName(ofColumn index: Int) -> String { attributes[index] }

  /// The index of the column of attribute `attribute`, added at the end when it is new.
  mutating func index(ofAttribute attribute: String) -> Int {
    if let index = indices[attribute] { return index }
    var name = columnName(ofAttribute: attribute)
    while names.contains(name) { name += "_" }  // a renamed column may take an attribute's name
    names.append(name)
    attributes.append(attribute)
    indices[attribute] = names.count - 1
    return names.count - 1
  }

  /// The index of the column of the attribute with the reader's name ID `id`; `name` gives the
  /// attribute's name when the ID is new.
  mutating func index(ofNameID id: Int, name: () -> String) -> Int {
    if id < indicesByNameID.count && indicesByNameID[id] >= 0 { return indicesByNameID[id] }
    let column = index(ofAttribute: name())
    if indicesByNameID.count <= id {
      indicesByNameID.append(contentsOf: repeatElement(-1, count: id + 1 - indicesByNameID.count))
    }
    indicesByNameID[id] = column
    return column
  }

  /// The index of the column of attribute `attribute`, or nil when no token has had it.
  func existingIndex(ofAttribute attribute: String) -> Int? { indices[attribute] }
}
