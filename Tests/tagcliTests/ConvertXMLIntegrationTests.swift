import Foundation
import Testing

/// `tagcli convert` from the shared XML corpora to CoNLL-U and back to TIGER-XML keeps every word
/// and tag (counted with `tagcli stats --json`).
@Suite struct ConvertXMLIntegrationTests {
  static let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/data/xml").path
  static let isAvailable = FileManager.default.fileExists(atPath: sharedData)

  @Test(
    .enabled(if: isAvailable, "../shared/data is missing: integration test skipped"),
    arguments: [
      ("nps_chat/10-19-20s_706posts.xml", "pos", "xpos"),
      ("eltec_slv/SLV10011-L2.xml", "upos", "upos"),
    ])
  func convertsToCoNLLUAndBackKeepingWordsAndTags(file: String, xmlTag: String, conlluTag: String)
    throws
  {
    let source = Self.sharedData + "/" + file
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let conllu = directory.appendingPathComponent("corpus.conllu").path
      let tiger = directory.appendingPathComponent("corpus.xml").path
      let toCoNLLU = try CorpusCommandSupport.run(["convert", source, "-o", conllu])
      #expect(toCoNLLU.status == 0, "\(toCoNLLU.stderr)")
      let toTiger = try CorpusCommandSupport.run(["convert", conllu, "-o", tiger, "--to", "tiger"])
      #expect(toTiger.status == 0, "\(toTiger.stderr)")
      let original = try statistics(source, tag: xmlTag)
      #expect(try statistics(conllu, tag: conlluTag) == original)
      #expect(try statistics(tiger, tag: conlluTag) == original)
      let words = try CorpusCommandSupport.run([
        "convert", tiger, "-o", "-", "--to", "wordtag", "--tag", conlluTag,
      ])
      let sourceWords = try CorpusCommandSupport.run([
        "convert", source, "-o", "-", "--to", "wordtag", "--tag", xmlTag,
      ])
      #expect(words.stdout == sourceWords.stdout, "every word and tag, in order")
    }
  }

  /// Sentence and token counts and the tag distribution, from `tagcli stats --json`.
  private func statistics(_ path: String, tag: String) throws -> Statistics {
    let result = try CorpusCommandSupport.run(["stats", "--json", "--tag", tag, path])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    return Statistics(
      sentences: object?["sentences"] as? Int ?? -1, tokens: object?["tokens"] as? Int ?? -1,
      tags: object?["tags"] as? [String: Int] ?? [:])
  }

  struct Statistics: Equatable {
    var sentences: Int
    var tokens: Int
    var tags: [String: Int]
  }
}
