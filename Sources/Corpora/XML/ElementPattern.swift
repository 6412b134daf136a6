/// Which XML elements the generic mapping takes: a name with optional XPath-style predicates.
///
/// Grammar (a small subset of XPath, enough for real treebanks):
///
/// ```
/// pattern   = name { "[" predicate "]" }
/// predicate = "@" attr                      the attribute is present
///           | "not(@" attr ")"              the attribute is absent
///           | "@" attr "=" quoted           the attribute has this value
///           | "@" attr "!=" quoted          the attribute is absent or has another value
/// quoted    = '"' text '"' | "'" text "'"
/// ```
///
/// Examples: `word[not(@artificial)]`, `token[@form]`, `s[@type="main"]`. Every predicate must
/// hold.
public struct ElementPattern: Sendable, Equatable, CustomStringConvertible {
  /// One condition on an attribute.
  public enum Predicate: Sendable, Equatable {
    case present(String)
    case absent(String)
    case equals(String, String)
    case notEquals(String, String)
  }

  /// The element's local name.
  public let name: String
  /// The conditions, all of which must hold.
  public let predicates: [Predicate]
  /// The pattern as given.
  public let description: String

  /// Parses `text`; nil when it breaks the grammar.
  public init?(parsing text: String) {
    description = text
    guard let open = text.firstIndex(of: "[") else {
      guard Self.isName(text) else { return nil }
      name = text
      predicates = []
      return
    }
    name = String(text[..<open])
    guard Self.isName(name), text.hasSuffix("]") else { return nil }
    let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
    var parsed: [Predicate] = []
    for part in inner.components(separatedBy: "][") {
      guard let predicate = Self.predicate(part) else { return nil }
      parsed.append(predicate)
    }
    predicates = parsed
  }

  /// Whether an element named `localName` with `attributes` matches.
  public func matches(localName: String, attributes: () throws -> [(name: String, value: String)])
    rethrows -> Bool
  {
    guard localName == name else { return false }
    guard !predicates.isEmpty else { return true }
    let values = Dictionary(try attributes().map { ($0.name, $0.value) }) { first, _ in first }
    return predicates.allSatisfy { predicate in
      switch predicate {
      case .present(let attribute): return values[attribute] != nil
      case .absent(let attribute): return values[attribute] == nil
      case .equals(let attribute, let value): return values[attribute] == value
      case .notEquals(let attribute, let value): return values[attribute] != value
      }
    }
  }

  private static func predicate(_ text: String) -> Predicate? {
    let part = text.trimmingCharacters(in: .whitespaces)
    if part.hasPrefix("not(@") && part.hasSuffix(")") {
      let attribute = String(part.dropFirst(5).dropLast())
      return isName(attribute) ? .absent(attribute) : nil
    }
    guard part.hasPrefix("@") else { return nil }
    let body = part.dropFirst()
    for (operator_, isEqual) in [("!=", false), ("=", true)] {
      guard let range = body.range(of: operator_) else { continue }
      let attribute = String(body[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
      let quoted = body[range.upperBound...].trimmingCharacters(in: .whitespaces)
      guard isName(attribute), quoted.count >= 2, let quote = quoted.first,
        quote == "\"" || quote == "'", quoted.last == quote
      else { return nil }
      let value = String(quoted.dropFirst().dropLast())
      return isEqual ? .equals(attribute, value) : .notEquals(attribute, value)
    }
    return isName(String(body)) ? .present(String(body)) : nil
  }

  private static func isName(_ text: String) -> Bool {
    !text.isEmpty
      && text.allSatisfy { $0.isLetter || $0.isNumber || "_-.:".contains($0) }
  }
}
