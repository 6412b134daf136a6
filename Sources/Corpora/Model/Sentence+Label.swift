extension Sentence {
  /// The key a label is read from and written under when none is named: `# label = …`,
  /// `"label"`, `label="…"`.
  public static let defaultLabelKey = "label"

  /// The value of a CoNLL-U comment `# KEY = VALUE` for `key`, nil for any other comment.
  ///
  /// Spaces around the key and the value are ignored; the value may be empty.
  public static func commentValue(_ comment: String, key: String) -> String? {
    guard comment.hasPrefix("#"), let equals = comment.firstIndex(of: "=") else { return nil }
    let name = comment[comment.index(after: comment.startIndex)..<equals]
    guard trimmingSpaces(name) == key else { return nil }
    return trimmingSpaces(comment[comment.index(after: equals)...])
  }

  /// Sets `label` and `labelKey` from the first of `keys` found in a `# KEY = VALUE` comment,
  /// else from the first of `attributeKeys` found among the sentence attributes.
  ///
  /// - Returns: whether a label was found.
  @discardableResult
  public mutating func adoptLabel(commentKeys: [String], attributeKeys: [String]) -> Bool {
    for key in commentKeys {
      if let value = comments.lazy.compactMap({ Self.commentValue($0, key: key) }).first {
        label = value
        labelKey = key
        return true
      }
    }
    for key in attributeKeys {
      if let value = attribute(key) {
        label = value
        labelKey = key
        return true
      }
    }
    return false
  }

  /// The comments as a CoNLL-U writer writes them: the `# labelKey = label` comment holds the
  /// current label, in place when the sentence has one, else appended.
  public var commentsWithLabel: [String] {
    guard let label else { return comments }
    let line = "# \(labelKey) = \(label)"
    var result = comments
    if let index = comments.firstIndex(where: { Self.commentValue($0, key: labelKey) != nil }) {
      result[index] = line
    } else {
      result.append(line)
    }
    return result
  }

  /// The `# KEY = label` line, followed as `detail` asks by `# KEY_prob = 0.9876` and
  /// `# KEY_top = LABEL:0.9876,…` from `labelConfidence`; empty without a label.
  public func labelComments(_ detail: ConfidenceDetail) -> [String] {
    guard let label else { return [] }
    var lines = ["# \(labelKey) = \(label)"]
    if let confidence = labelConfidence {
      if detail.contains(.probability) {
        lines.append("# \(labelKey)_prob = " + Confidence.text(confidence.probability))
      }
      if detail.contains(.alternatives) {
        lines.append("# \(labelKey)_top = " + confidence.alternativesText(separator: ","))
      }
    }
    return lines
  }

  /// `commentsWithLabel` with the label's confidence lines (`labelComments`) after its line.
  public func commentsWithLabel(confidence detail: ConfidenceDetail) -> [String] {
    let extra = labelComments(detail).dropFirst()
    guard !extra.isEmpty else { return commentsWithLabel }
    var result = commentsWithLabel
    if let index = result.firstIndex(where: { Self.commentValue($0, key: labelKey) != nil }) {
      result.insert(contentsOf: extra, at: index + 1)
    }
    return result
  }

  /// The sentence attributes as XML and JSON writers write them: the `labelKey` attribute holds
  /// the current label, in place when the sentence has one, else appended.
  public var attributesWithLabel: [(name: String, value: String)] {
    guard let label else { return attributes }
    var result = attributes
    if let index = attributes.firstIndex(where: { $0.name == labelKey }) {
      result[index].value = label
    } else {
      result.append((name: labelKey, value: label))
    }
    return result
  }
}

/// `text` without leading and trailing spaces and tabs.
private func trimmingSpaces(_ text: Substring) -> String {
  let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
  guard let first = text.firstIndex(where: { !isSpace($0) }),
    let last = text.lastIndex(where: { !isSpace($0) })
  else { return "" }
  return String(text[first...last])
}
