import Foundation
import Testing

@testable import Corpora

/// Counts and round trips on the real corpora in `../shared/data` (see its README.md).
@Suite(.enabled(if: Fixtures.hasSharedData, Fixtures.sharedDataMissing))
struct CorpusIntegrationTests {
  static let columnFiles: [(file: String, sentences: Int, tokens: Int)] = [
    ("conll2000/train.txt", 8_936, 211_727), ("conll2000/test.txt", 2_012, 47_377),
    ("conll2002/esp.train", 8_323, 264_715), ("conll2002/esp.testa", 1_915, 52_923),
    ("conll2002/esp.testb", 1_517, 51_533), ("conll2002/ned.train", 15_806, 202_644),
    ("conll2002/ned.testa", 2_895, 37_687), ("conll2002/ned.testb", 5_195, 68_875),
  ]

  private static func path(_ relative: String) throws -> String {
    try #require(Fixtures.sharedData) + "/" + relative
  }

  @Test(arguments: columnFiles)
  func columnFileCountsAndRoundTrip(file: String, sentences: Int, tokens: Int) throws {
    let path = try Self.path("conll/" + file)
    #expect(try CorpusFormat.detect(path: path) == .columns)
    var reader = try ColumnReader(path: path)
    let all = try reader.readAll()
    #expect(all.count == sentences)
    #expect(all.reduce(0) { $0 + $1.tokens.count } == tokens)
    let expectedNames =
      file.hasPrefix("conll2000") ? ["word", "pos", "chunk"] : ["word", "pos", "ne"]
    #expect(reader.columnNames == expectedNames)
    let written = try RoundTrip.text(of: all, in: .columns)
    #expect(Data(written.utf8) == (try RoundTrip.bytes(path)), "\(file) round trip")
  }

  @Test func pennPOSSampleCounts() throws {
    let directory = try Self.path("ptb/treebank/tagged")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".pos") }.sorted()
    #expect(files.count == 199)
    var chunks = 0
    var tokens = 0
    var tags: Set<String> = []
    var slashWords = 0
    for file in files {
      var reader = try makeSentenceReader(path: directory + "/" + file)
      while let sentence = try reader.next() {
        chunks += 1
        tokens += sentence.tokens.count
        tags.formUnion(sentence.values(ofColumn: sentence.defaultTagColumn))
        slashWords += sentence.forms.filter { $0.contains("/") }.count
      }
    }
    #expect(chunks == 4_979)
    #expect(tokens == 94_200)
    #expect(tags.count == 46)
    #expect(slashWords == 157, "every \\/ becomes /")
  }
}
