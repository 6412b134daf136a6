import Foundation
import Testing

@testable import Corpora

@Suite struct JSONLinesReaderTests {
  @Test func readsColumnsInKeyOrderAndAttributes() throws {
    var reader = try JSONLinesReader(path: Fixtures.path("sample.jsonl"))
    let sentences = try reader.readAll()
    #expect(sentences.count == 2)
    #expect(sentences[0].columnNames == ["word", "upos", "xpos"])
    #expect(sentences[0].attribute("id") == "s1")
    #expect(sentences[0].forms == ["I", "ran"])
    #expect(sentences[0].columnNames[sentences[0].defaultTagColumn] == "upos")
    #expect(sentences[1].forms == ["Go", "/", "\"ok\""])
    #expect(sentences[1].sourceLine == 2)
  }

  /// The default tag layer: `upos` where there is one (a converted CoNLL-U file, whose last
  /// column is MISC), else `tags` (`tagcli tag --output json` of a several-layer model ends
  /// with its lemmas), else the last column.
  @Test(arguments: [
    (#"{"words":["a"],"lemma":["a"],"upos":["DET"],"xpos":["DT"],"misc":["_"]}"#, "upos"),
    (#"{"words":["a"],"tags":["DET"],"xpos":["DT"],"lemma":["a"]}"#, "tags"),
    (#"{"words":["a"],"pos":["DT"],"chunk":["B-NP"]}"#, "chunk"),
  ])
  func defaultTagLayerPrefersUPOSThenTags(line: String, layer: String) throws {
    var reader = JSONLinesReader(text: line + "\n")
    let sentence = try #require(try reader.next())
    #expect(sentence.columnNames[sentence.defaultTagColumn] == layer)
  }

  /// Words alone have no default layer: the words are neither read nor overwritten as tags.
  @Test func wordsAloneHaveNoDefaultLayer() throws {
    var reader = JSONLinesReader(text: #"{"words":["a"]}"# + "\n")
    let sentence = try #require(try reader.next())
    #expect(sentence.columnNames == ["word"])
    #expect(LayerSelector.default.columnIndex(in: sentence) == nil)
    var columns = try ColumnReader(text: "a\nb\n\n", name: "words.txt")
    #expect(LayerSelector.default.columnIndex(in: try #require(try columns.next())) == nil)
  }

  /// Numbers, booleans, null, objects and arrays that are no column were refused; they are
  /// sentence attributes, written back exactly as they were read.
  @Test func valuesOtherThanStringsAreAttributesKeptAsWritten() throws {
    let line =
      #"{"n":17,"meta":{"src":"a,b","k":[1,{"z":"]"}]},"ok":true,"none":null,"f":-1.5e3,"#
      + #""ids":[1,2],"words":["a","dog"],"upos":["DET","NOUN"]}"#
    var reader = JSONLinesReader(text: line + "\n")
    var sentence = try #require(try reader.next())
    #expect(sentence.columnNames == ["word", "upos"])
    #expect(sentence.attribute("n") == "17")
    #expect(sentence.attribute("meta") == #"{"src":"a,b","k":[1,{"z":"]"}]}"#)
    #expect(sentence.jsonAttributeValues["f"] == "-1.5e3")
    #expect(sentence.jsonAttributeValues["none"] == "null")
    #expect(try RoundTrip.text(of: [sentence], in: .jsonl) == line + "\n")
    sentence.attributes[0].value = "eighteen"  // a replaced value is a string
    #expect(try RoundTrip.text(of: [sentence], in: .jsonl).hasPrefix(#"{"n":"eighteen","meta":{"#))
  }

  @Test func roundTripIsByteIdentical() throws {
    let path = try Fixtures.path("sample.jsonl")
    #expect(try RoundTrip.convert(path, to: .jsonl) == RoundTrip.bytes(path))
  }

  @Test func keyOrderIsKeptEvenWhenNotAlphabetical() throws {
    var reader = JSONLinesReader(text: "\n{\"zz\":[\"1\"],\"words\":[\"a\"],\"aa\":[\"2\"]}\n")
    let sentence = try #require(try reader.next())
    #expect(sentence.columnNames == ["zz", "word", "aa"])
    #expect(sentence.tokens[0].values == ["1", "a", "2"])
  }

  @Test(arguments: [
    ("column-length-mismatch.jsonl", "expected 2 values in \"upos\" (one per word), found 1"),
    ("invalid-json.jsonl", "invalid JSON"),
    ("missing-words.jsonl", "expected a \"words\" array, found keys upos"),
  ])
  func rejectsMalformedLines(file: String, message: String) throws {
    var reader = try JSONLinesReader(path: Fixtures.path(file))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.line == 1)
    #expect(error.kind == .invalidContent(message))
  }

  /// Foundation keeps one value of a repeated key in silence; two keys that lowercase alike
  /// would make two columns of one name. Both are refused on their line.
  @Test(arguments: [
    (
      #"{"words":["a","b"],"upos":["X","Y"],"upos":["Y","X"]}"#,
      #"the key "upos" appears twice; expected each key once"#
    ),
    (
      #"{"words":["a"],"id":"s1","id":"s2"}"#,
      #"the key "id" appears twice; expected each key once"#
    ),
    (
      #"{"words":["a"],"UPOS":["X"],"upos":["Y"]}"#,
      #"the keys "UPOS" and "upos" name the same column ("upos"); expected one of them"#
    ),
    (
      #"{"word":["a"],"words":["b"]}"#,
      #"the keys "word" and "words" name the same column ("word"); expected one of them"#
    ),
  ])
  func refusesRepeatedKeys(line: String, message: String) throws {
    var reader = JSONLinesReader(text: #"{"words":["ok"]}"# + "\n" + line + "\n", name: "r.jsonl")
    #expect(try reader.next()?.forms == ["ok"])
    let error = try #require(throws: CorpusError.self) { try reader.next() }
    #expect(error.line == 2)
    #expect(error.kind == .invalidContent(message))
  }

  @Test func keysThatDifferInCaseStayDistinctAsAttributes() throws {
    var reader = JSONLinesReader(text: #"{"words":["a"],"Id":"1","id":"2"}"#)
    let sentence = try #require(try reader.next())
    #expect(sentence.attribute("Id") == "1" && sentence.attribute("id") == "2")
  }

  @Test func writerEscapesAndMapsForms() throws {
    let sentence = Sentence(
      columnNames: ["form", "tag"],
      tokens: [Token(form: "a\"b\\c\td\u{1}", values: ["a\"b\\c\td\u{1}", "X"])],
      defaultTagColumn: 1)
    let text = try RoundTrip.text(of: [sentence], in: .jsonl)
    #expect(text == "{\"words\":[\"a\\\"b\\\\c\\td\\u0001\"],\"tag\":[\"X\"]}\n")
    var reader = JSONLinesReader(text: text)
    #expect(try reader.next()?.forms == [sentence.tokens[0].form])
  }

  @Test func columnFileThroughJSONLinesComesBackUnchanged() throws {
    let path = try Fixtures.path("docstart-own-block.txt")
    let json = try RoundTrip.convert(path, from: .columns, to: .jsonl)
    let directory = try TemporaryDirectory()
    let jsonPath = try directory.write(json, named: "x.jsonl")
    #expect(try RoundTrip.convert(jsonPath, to: .columns) == RoundTrip.bytes(path))
  }
}
