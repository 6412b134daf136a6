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
    var keys: [String] = []
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
        // The object ends here; anything after it (a later member of an enclosing object, when
        // `line` starts inside one) is not its.
        if depth == 0 { return keys }
      case UInt8(ascii: ","):
        expectsKey = depth == 1
      case UInt8(ascii: "\""):
        let end = endOfString(in: line, openingQuote: index)
        if expectsKey {
          keys.append(decodeKey(line[index..<end]))
          expectsKey = false
        }
        index = end - 1
      default:
        break
      }
      index += 1
    }
    return keys
  }

  /// The keys of the object that is the value of the top-level member `member` in `line`, in
  /// order, a key written twice appearing twice; empty when the member is missing or its value
  /// is not an object.
  public static func keys(ofMember member: String, in line: ArraySlice<UInt8>) -> [String] {
    var depth = 0
    var expectsKey = false
    var lastKey: String?
    var index = line.startIndex
    while index < line.endIndex {
      let byte = line[index]
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        // At depth 1 an opening bracket is the value of the key just read.
        if depth == 1, byte == UInt8(ascii: "{"), lastKey == member {
          return topLevelKeys(of: line[index...])
        }
        depth += 1
        expectsKey = depth == 1 && byte == UInt8(ascii: "{")
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
      case UInt8(ascii: ","):
        expectsKey = depth == 1
      case UInt8(ascii: "\""):
        let end = endOfString(in: line, openingQuote: index)
        if expectsKey {
          lastKey = decodeKey(line[index..<end])
          expectsKey = false
        }
        index = end - 1
      default:
        break
      }
      index += 1
    }
    return []
  }

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
