import Foundation
import Testing

@testable import Corpora

@Suite struct CorpusFormatDetectionTests {
  @Test(arguments: [
    ("a.conllu", CorpusFormat.conllu), ("a.conll", .conllx), ("b.CONLLX", .conllx),
    ("wsj_0001.pos", .penn), ("a.tsv", .tsv), ("a.jsonl", .jsonl), ("corpus.xml", .tiger),
    ("tagged.json", .jsonl), ("b.ndjson", .jsonl),
  ])
  func extensionsNameFormats(name: String, format: CorpusFormat) {
    #expect(CorpusFormat.fromExtension(of: "/some/dir/" + name) == format)
  }

  @Test func textExtensionSaysNothing() {
    #expect(CorpusFormat.fromExtension(of: "train.txt") == nil)
  }

  @Test(arguments: [
    ("chunking.txt", CorpusFormat.columns), ("docstart-first-line.txt", .columns),
    ("docstart-own-block.txt", .columns), ("ragged-column-line.txt", .columns),
    ("one-bad-sentence-columns.txt", .columns), ("word-tag.txt", .wordTag), ("plain.txt", .plain),
    ("sample.conllu", .conllu), ("sample.conllx", .conllx), ("sample.pos", .penn),
    ("sample.tsv", .tsv), ("sample.jsonl", .jsonl),
  ])
  func detectsFixtures(file: String, format: CorpusFormat) throws {
    #expect(try CorpusFormat.detect(path: Fixtures.path(file)) == format)
  }

  @Test(arguments: [
    ("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n", CorpusFormat.conllu), ("a\tb\n", .tsv),
    ("<?xml version=\"1.0\"?>\n<corpus/>\n", .tiger), ("The/DT cat/NN\n", .wordTag),
    ("one line of text\nand another line\n", .plain), ("same two\nwords each\n", .plain),
    ("a B\nc D\n\ne F\n", .columns), ("a B\nc D\ne F\n", .columns),
    ("\u{FEFF}<?xml version=\"1.0\"?>\n<corpus/>\n", .tiger), ("\u{FEFF}<corpus/>\n", .tiger),
    ("\n  <!-- comment -->\n<TEI/>\n", .tiger), ("< SYM O\n> SYM O\n\n", .columns),
    ("\n{\"words\":[\"a\"],\"tags\":[\"X\"]}\n", .jsonl), ("{\"a\": 1} is a set\n", .plain),
  ])
  func detectsByContentWithoutExtension(content: String, format: CorpusFormat) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(content, named: "corpus")
    #expect(try CorpusFormat.detect(path: path) == format)
  }

  @Test(arguments: [
    ("xml-tiger.xml", ["Ein", "Mann", "&", "\"Ja\""]),
    ("xml-tei.xml", ["Janez", "gospod", ",", "&"]),
    ("xml-alpino.xml", ["Jan", "slaapt", "."]), ("xml-nps-crlf.xml", ["now", "im", "&", "left"]),
  ])
  func xmlWithoutExtensionIsDetectedAndItsDialectRefined(file: String, firstWords: [String])
    throws
  {
    let directory = try TemporaryDirectory()
    let xml = try String(contentsOfFile: Fixtures.path(file), encoding: .utf8)
    let path = try directory.write("\u{FEFF}" + xml, named: "corpus")
    #expect(try CorpusFormat.detect(path: path) == .tiger)
    var reader = try makeSentenceReader(path: path)
    #expect(try reader.next()?.forms == firstWords)
  }

  @Test func emptyFileAndStandardInputCannotBeDetected() throws {
    #expect(throws: CorpusError.self) { try CorpusFormat.detect(path: "-") }
    let directory = try TemporaryDirectory()
    let path = try directory.write("\n\n", named: "empty")
    let error = try #require(throws: CorpusError.self) { try CorpusFormat.detect(path: path) }
    #expect(error.kind == .unknownFormat("cannot detect the format of an empty file"))
  }

  @Test func readerFactoryDispatchesEveryNonXMLFormat() throws {
    let files: [(String, CorpusFormat, Int)] = [
      ("sample.conllu", .conllu, 2), ("sample.conllx", .conllx, 2), ("chunking.txt", .columns, 2),
      ("sample.tsv", .tsv, 2), ("word-tag.txt", .wordTag, 2), ("sample.pos", .penn, 2),
      ("plain.txt", .plain, 3), ("sample.jsonl", .jsonl, 2),
    ]
    for (file, format, count) in files {
      var reader = try makeSentenceReader(path: Fixtures.path(file), format: format)
      #expect(try reader.readAll().count == count, "\(file)")
    }
  }
}

/// `CorpusFormat.evidentCorpus(inTextFile:)`: which files `tag` refuses to read as raw text.
@Suite struct EvidentCorpusTests {
  @Test(arguments: [
    ("\u{FEFF}<?xml version=\"1.0\"?>\n<corpus/>\n", CorpusFormat.tiger, 1),
    ("\n\n<TEI/>\n", .tiger, 3),
    ("# sent_id = 1\n# text = a\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n", .conllu, 3),
    ("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n", .conllu, 1),
    ("\n{\"words\":[\"a\"],\"tags\":[\"X\"]}\n", .jsonl, 2),
  ])
  func contentGivesItAway(content: String, format: CorpusFormat, line: Int) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(content, named: "notes.txt")
    let found = try #require(try CorpusFormat.evidentCorpus(inTextFile: path))
    #expect(found.format == format)
    #expect(found.line == line)
  }

  @Test(arguments: [
    "The dog barks .\n",
    "# a heading, then text\nThe dog\tbarks with a tab .\n",
    "a\tb\tc\td\te\tf\tg\th\ti\tj\n",  // ten fields, but no token ID
    "text first\n<b>markup later</b>\n",
    "{\"a\": 1} is a set\n",
  ])
  func textIsText(content: String) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(content, named: "notes.txt")
    #expect(try CorpusFormat.evidentCorpus(inTextFile: path) == nil)
  }

  @Test func extensionsAndStandardInput() throws {
    let conllu = try #require(try CorpusFormat.evidentCorpus(inTextFile: "/no/such/dev.conllu"))
    #expect(conllu.format == .conllu && conllu.evidence == "its .conllu extension")
    #expect(conllu.line == nil)
    #expect(try CorpusFormat.evidentCorpus(inTextFile: "-") == nil)
    #expect(try CorpusFormat.evidentCorpus(inTextFile: "/no/such/notes.txt") == nil)
  }
}
