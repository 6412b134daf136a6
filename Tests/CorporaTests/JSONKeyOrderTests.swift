import Testing

@testable import Corpora

/// `JSONKeyOrder` reads keys in the order written, a repeated key twice, at the top level and
/// in the object of one top-level member.
@Suite struct JSONKeyOrderTests {
  static func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

  @Test func topLevelKeysSkipNestedObjectsAndStrings() {
    let line = #"{"b": {"x": 1}, "a": "\"c\": 2", "b": [{"y": 1}]}"#
    #expect(JSONKeyOrder.topLevelKeys(of: Self.bytes(line)) == ["b", "a", "b"])
  }

  @Test func aMembersObjectKeysAreItsOwnOnly() {
    let body =
      #"{"sentences": [["a"]], "columns": {"pos": [["X"]], "p\u006fs": [["Y"]]}, "tail": {"z": 1}}"#
    #expect(JSONKeyOrder.keys(ofMember: "columns", in: Self.bytes(body)) == ["pos", "pos"])
    #expect(JSONKeyOrder.keys(ofMember: "tail", in: Self.bytes(body)) == ["z"])
    // A key of that name inside another member's value, or a value that is not an object, has
    // no keys to give.
    let nested = #"{"x": {"columns": {"a": 1}}, "columns": [1]}"#
    #expect(JSONKeyOrder.keys(ofMember: "columns", in: Self.bytes(nested)).isEmpty)
    #expect(JSONKeyOrder.keys(ofMember: "missing", in: Self.bytes(body)).isEmpty)
  }
}
