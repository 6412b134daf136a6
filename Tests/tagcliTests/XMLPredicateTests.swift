import Foundation
import Testing

@testable import Corpora

/// XPath-style predicates in the generic XML mapping, and tokens without a word skipped and
/// counted instead of dropping their sentence.
@Suite struct XMLPredicateTests {
  static let corpus = """
    <?xml version="1.0" encoding="UTF-8"?>
    <treebank>
      <s type="main"><word form="I" pos="PRON"/><word form="see" pos="VERB"/>\
    <word form="PRO" pos="PRON" artificial="yes"/><word pos="X"/></s>
      <s type="heading"><word form="Title" pos="NOUN"/></s>
    </treebank>

    """

  @Test func patternsParseAndMatch() throws {
    let pattern = try #require(ElementPattern(parsing: "word[not(@artificial)][@pos!=\"X\"]"))
    #expect(pattern.matches(localName: "word", attributes: { [("pos", "NOUN")] }))
    #expect(!pattern.matches(localName: "word", attributes: { [("artificial", "yes")] }))
    #expect(!pattern.matches(localName: "word", attributes: { [("pos", "X")] }))
    #expect(ElementPattern(parsing: "s[@type='main']")?.predicates == [.equals("type", "main")])
    #expect(ElementPattern(parsing: "w[@") == nil)
    #expect(ElementPattern(parsing: "w[foo]") == nil)
  }

  @Test func predicatesSelectSentencesAndTokensFromTheCLI() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("tb.xml").path
      try Data(Self.corpus.utf8).write(to: URL(fileURLWithPath: path))
      let result = try CorpusCommandSupport.run([
        "convert", path, "--xml-sentence", "s[@type=\"main\"]", "--xml-token",
        "word[not(@artificial)]", "--xml-word", "form", "--to", "wordtag", "-o", "-",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout == "I/PRON see/VERB\n")
      #expect(
        result.stderr.contains("skipped 1 token element(s) without a word"), "\(result.stderr)")
      let bad = try CorpusCommandSupport.run(
        ["stats", path, "--xml-sentence", "s[", "--xml-token", "word"])
      #expect(bad.status == 64)
      #expect(bad.stderr.contains("--xml-sentence \"s[\""))
    }
  }
}
