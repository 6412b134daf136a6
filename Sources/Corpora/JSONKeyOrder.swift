import Foundation

/// Reads the keys of a JSON object in the order they are written.
///
/// `JSONSerialization` returns a dictionary, which forgets the order; the JSON Lines reader keeps
/// columns in the writer's order, so it scans the line once more for its top-level keys. The
/// line has already been parsed successfully, so the scanner trusts its structure. The service
/// uses it to refuse a request body that repeats a key.
public enum JSONKeyOrder {
  /// The keys of the top-level object in `line`, in order; a key written twice appears twice
  /// (`JSONSerialization` keeps only one of the values, so the reader refuses that).
  public static func topLevelKeys(of line: ArraySlice<UInt8>) -> [String] {
    topLevelMembers(of: line).map(\.key)
  }

  /// The keys of the object that is the value of the top-level member `member` in `line`, in
  /// order, a key written twice appearing twice; empty when the member is missing or its value
  /// is not an object.
  public static func keys(ofMember member: String, in line: ArraySlice<UInt8>) -> [String] {
    guard let value = topLevelMembers(of: line).last(where: { $0.key == member })?.value,
      value < line.endIndex, line[value] == UInt8(ascii: "{")
    else { return [] }
    return topLevelKeys(of: line[value...])
  }

  /// The text of each top-level member's value in `line`, as written (`17`, `{"a": [1]}`,
  /// `"x"` with its quotes), by key; a key written twice keeps its last value.
  public static func topLevelValueTexts(of line: ArraySlice<UInt8>) -> [String: String] {
    var texts: [String: String] = [:]
    for (key, start) in topLevelMembers(of: line) where start < line.endIndex {
      texts[key] = String(decoding: line[start..<endOfValue(in: line, from: start)], as: UTF8.self)
    }
    return texts
  }

  /// The index just after the JSON value that starts at `start`: a string, an object or array
  /// (nested ones and strings inside skipped), or a number, `true`, `false` or `null`.
  private static func endOfValue(in line: ArraySlice<UInt8>, from start: Int) -> Int {
    switch line[start] {
    case UInt8(ascii: "\""):
      return endOfString(in: line, openingQuote: start)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var depth = 0
      var index = start
      while index < line.endIndex {
        switch line[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          if depth == 0 { return index + 1 }
        case UInt8(ascii: "\""): index = endOfString(in: line, openingQuote: index) - 1
        default: break
        }
        index += 1
      }
      return line.endIndex
    default:
      var index = start
      while index < line.endIndex, !scalarEnds.contains(line[index]) { index += 1 }
      return index
    }
  }

  /// What ends a number, `true`, `false` or `null`.
  private static let scalarEnds: Set<UInt8> = [
    UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "),
    UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
  ]

  /// The members of the top-level object in `line`, in order: each key (a key written twice
  /// appears twice) with the index where its value starts. The scan stops where that object
  /// ends, so `line` may start inside an enclosing object.
  private static func topLevelMembers(of line: ArraySlice<UInt8>) -> [(key: String, value: Int)] {
    var members: [(key: String, value: Int)] = []
    var depth = 0
    var expectsKey = false
    var index = line.startIndex
    while index < line.endIndex {
      let byte = line[index]
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        expectsKey = depth == 1 && byte == UInt8(ascii: "{")
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if depth == 0 { return members }
      case UInt8(ascii: ","):
        expectsKey = depth == 1
      case UInt8(ascii: "\""):
        let end = endOfString(in: line, openingQuote: index)
        if expectsKey {
          var value = end
          while value < line.endIndex, Self.separators.contains(line[value]) { value += 1 }
          members.append((decodeKey(line[index..<end]), value))
          expectsKey = false
        }
        index = end - 1
      default:
        break
      }
      index += 1
    }
    return members
  }

  /// What may stand between a key and its value: JSON whitespace and the colon.
  private static let separators: Set<UInt8> = [
    UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
    UInt8(ascii: ":"),
  ]

  /// The index just after the closing quote of the string that opens at `openingQuote`.
  private static func endOfString(in line: ArraySlice<UInt8>, openingQuote: Int) -> Int {
    var index = openingQuote + 1
    while index < line.endIndex {
      if line[index] == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if line[index] == UInt8(ascii: "\"") { return index + 1 }
      index += 1
    }
    return line.endIndex
  }

  /// The text of a quoted key, escapes resolved.
  private static func decodeKey(_ quoted: ArraySlice<UInt8>) -> String {
    if !quoted.contains(UInt8(ascii: "\\")) {
      return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self)
    }
    let parsed = try? JSONSerialization.jsonObject(with: Data(quoted), options: .fragmentsAllowed)
    return parsed as? String ?? String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self)
  }
}
