import Foundation
import Testing

@testable import Corpora

@Suite struct ColumnReaderTests {
  @Test func readsChunkingFileWithGuessedNames() throws {
    var reader = try ColumnReader(path: Fixtures.path("chunking.txt"))
    let sentences = try reader.readAll()
    #expect(reader.columnNames == ["word", "pos", "chunk"])
    #expect(
      sentences.map(\.forms) == [["Confidence", "in", "the", "pound"], ["He", "said", "."]])
    #expect(sentences[0].defaultTagColumn == 2)
    #expect(sentences[1].values(ofColumn: 1) == ["PRP", "VBD", "."])
    #expect(sentences[1].sourceLine == 6)
  }

  @Test func docstartOnTheFirstLineOfABlockIsNotAToken() throws {
    var reader = try ColumnReader(path: Fixtures.path("docstart-first-line.txt"))
    let sentences = try reader.readAll()
    #expect(reader.columnNames == ["word", "pos", "ne"], "PER/LOC/MISC types mean named entities")
    #expect(sentences.map(\.forms) == [["De", "Belg"], ["Jan", "loopt"], ["In", "Gent"]])
    #expect(sentences[0].attribute("docstart") == "-DOCSTART- -DOCSTART- O")
    #expect(sentences[1].attribute("docstart") == nil)
    #expect(sentences[2].sourceLine == 8)
  }

  @Test func docstartInItsOwnBlockAndFourColumns() throws {
    var reader = try ColumnReader(path: Fixtures.path("docstart-own-block.txt"))
    let sentences = try reader.readAll()
    #expect(reader.columnNames == ["word", "pos", "chunk", "ne"])
    #expect(sentences.map(\.forms) == [["EU", "rejects"], ["Peter"]])
    #expect(sentences[0].attribute("docstart") == "-DOCSTART- -X- -X- O\n")
    #expect(sentences[0].columnNames[sentences[0].defaultTagColumn] == "ne")
  }

  @Test(arguments: ["chunking.txt", "docstart-first-line.txt", "docstart-own-block.txt"])
  func roundTripIsByteIdentical(file: String) throws {
    let path = try Fixtures.path(file)
    #expect(try RoundTrip.convert(path, from: .columns, to: .columns) == RoundTrip.bytes(path))
  }

  @Test func givenNamesAndWordColumn() throws {
    var options = ReaderOptions()
    options.columnNames = ["Tag", "Word"]
    options.wordColumn = 2
    var reader = try ColumnReader(text: "NN cat\nVB sat\n", options: options)
    let sentence = try #require(try reader.next())
    #expect(sentence.columnNames == ["tag", "word"])
    #expect(sentence.forms == ["cat", "sat"])
    #expect(sentence.defaultTagColumn == 0, "the last column that is not the word")
  }

  @Test(arguments: [
    (1, ["word"]), (2, ["word", "col2"]), (5, ["word", "col2", "col3", "col4", "col5"]),
  ])
  func otherColumnCountsAreNumbered(count: Int, names: [String]) throws {
    let line = (1...count).map { "v\($0)" }.joined(separator: " ")
    var reader = try ColumnReader(text: line + "\n\n")
    #expect(reader.columnNames == names)
    #expect(try reader.readAll().count == 1)
  }

  @Test func raggedLineIsAnErrorWithItsLine() throws {
    var reader = try ColumnReader(path: Fixtures.path("ragged-column-line.txt"))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .columnCount(expected: 3, found: 2))
    #expect(error.line == 2)
  }

  @Test func raggedLineMessage() throws {
    var reader = try ColumnReader(text: "a DT B-NP\nb NN\n", name: "train.txt")
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(
      error.description == "train.txt:2: expected 3 columns like the first line, found 2: \"b NN\"")
  }

  @Test func givenNamesMustMatchTheColumns() throws {
    var options = ReaderOptions()
    options.columnNames = ["word", "pos"]
    var reader = try ColumnReader(text: "a DT B-NP\n", options: options)
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .columnCount(expected: 2, found: 3))
  }

  @Test func invalidUTF8NamesLineAndColumn() throws {
    var reader = try ColumnReader(path: Fixtures.path("invalid-utf8-column.txt"))
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.kind == .invalidUTF8)
    #expect(error.line == 2)
    #expect(error.column == 4)
  }

  @Test func docstartInsideASentenceIsAnError() throws {
    var reader = try ColumnReader(text: "a DT O\n-DOCSTART- -X- O\n\n")
    let error = try #require(throws: CorpusError.self) { try reader.readAll() }
    #expect(error.line == 2)
  }

  @Test func lenientModeSkipsAndRecords() throws {
    var reader = try ColumnReader(
      path: Fixtures.path("one-bad-sentence-columns.txt"), options: lenientOptions)
    #expect(try reader.readAll().map(\.forms) == [["Good"], ["Fine"]])
    #expect(reader.skippedErrors.map(\.line) == [3])
  }

  @Test func readsStandardInputStyleLookaheadWithoutLosingLines() throws {
    let lines = (1...2_500).map { "w\($0) NN O" }.joined(separator: "\n")
    var reader = try ColumnReader(text: lines + "\n\nlast NN O\n")
    let sentences = try reader.readAll()
    #expect(sentences.map(\.tokens.count) == [2_500, 1])
    #expect(sentences[1].sourceLine == 2_502)
  }

  private var lenientOptions: ReaderOptions {
    var options = ReaderOptions()
    options.skipMalformed = true
    return options
  }
}
