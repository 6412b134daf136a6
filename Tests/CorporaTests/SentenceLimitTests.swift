import Foundation
import Testing

@testable import Corpora

/// A sentence with more lines than `SentenceLimit.maxLines` stops the multi-line readers with a
/// located error instead of growing without bound.
@Suite struct SentenceLimitTests {
  static let overLimit = SentenceLimit.maxLines + 1

  @Test func conlluSentenceWithoutABreakIsRefusedAtTheLimit() throws {
    var text = ""
    text.reserveCapacity(Self.overLimit * 24)
    for id in 1...Self.overLimit { text += "\(id)\tw\tw\tX\t_\t_\t0\tdep\t_\t_\n" }
    var reader = CoNLLUReader(text: text, name: "long.conllu")
    let error = try #require(throws: CorpusError.self) { try reader.next() }
    #expect(error.line == Self.overLimit)
    #expect(
      error.description
        == "long.conllu:\(Self.overLimit): sentence has more than \(SentenceLimit.maxLines) lines (the readers' limit, which bounds their memory); is a sentence break missing?"
    )
  }

  static let isLong = ProcessInfo.processInfo.environment["TAGGER_LONG_TESTS"] != nil

  @Test(.enabled(if: isLong, "set TAGGER_LONG_TESTS=1 to run"))
  func sentenceAtTheLimitIsRead() throws {
    let text = String(repeating: "w\tX\n", count: SentenceLimit.maxLines)
    var reader = try ColumnReader(text: text, name: "long.tsv", separator: .tab)
    let sentence = try #require(try reader.next())
    #expect(sentence.tokens.count == SentenceLimit.maxLines)
  }

  @Test(.enabled(if: isLong, "set TAGGER_LONG_TESTS=1 to run"))
  func tsvSentenceOverTheLimitIsRefused() throws {
    let text = String(repeating: "w\tX\n", count: Self.overLimit)
    var reader = try ColumnReader(text: text, name: "long.tsv", separator: .tab)
    let error = try #require(throws: CorpusError.self) { try reader.next() }
    #expect(error.line == Self.overLimit)
  }

  @Test func xmlSentenceOverTheLimitIsRefused() throws {
    let directory = try TemporaryDirectory()
    var text = "<corpus><body><s id=\"s1\"><graph><terminals>\n"
    text += String(repeating: "<t word=\"w\" pos=\"X\"/>\n", count: Self.overLimit)
    text += "</terminals></graph></s></body></corpus>\n"
    let path = try directory.write(text, named: "long.xml")
    var reader = try makeSentenceReader(path: path, format: .tiger)
    let error = try #require(throws: CorpusError.self) { try reader.next() }
    // libxml2 reports the line where it stands after the element, one past its own line.
    #expect(((Self.overLimit + 1)...(Self.overLimit + 2)).contains(error.line ?? 0))
    #expect(error.description.contains("sentence has more than \(SentenceLimit.maxLines) lines"))
  }
}
