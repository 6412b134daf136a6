import Foundation
import Testing

@testable import Corpora

/// Reads the real XML corpora in `../shared/data/xml`, converts them to CoNLL-U and back to
/// TIGER-XML, and checks that every word and tag survives.
@Suite struct XMLIntegrationTests {
  /// The `.xml` files of a folder under `../shared/data/xml`, sorted.
  private func corpusFiles(_ folder: String, excluding excluded: Set<String> = []) throws
    -> [String]
  {
    let directory = try #require(Fixtures.sharedData) + "/xml/" + folder
    return try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".xml") && !excluded.contains($0) }.sorted()
      .map { directory + "/" + $0 }
  }

  /// Reads `file` with format detection refined by the root element, as the CLI does.
  private func read(_ file: String) throws -> [Sentence] {
    var reader = try makeSentenceReader(path: file, format: .tiger)
    let sentences = try reader.readAll()
    #expect(reader.skippedErrors.isEmpty)
    return sentences
  }

  /// XML → CoNLL-U → XML: returns the sentences as read back from CoNLL-U (strictly, so every
  /// sentence must survive) and from TIGER-XML.
  private func convert(_ sentences: [Sentence], in directory: TemporaryDirectory) throws
    -> (conllu: [Sentence], tiger: [Sentence])
  {
    var conlluReader = try CoNLLUReader(path: directory.write(sentences, as: .conllu))
    let conllu = try conlluReader.readAll()
    var tigerReader = try TigerXMLReader(path: directory.write(conllu, as: .tiger))
    return (conllu, try tigerReader.readAll())
  }

  /// Checks words and tags of `converted` (tags in column `tagColumn`, where CoNLL-U put them,
  /// with `_` for an empty value) against `original` (tags in its default layer).
  private func expectSameWordsAndTags(
    _ original: [Sentence], _ converted: [Sentence], tagColumn: String
  ) throws {
    try #require(original.count == converted.count)
    for (before, after) in zip(original, converted) {
      let tags = try #require(after.columnNames.firstIndex(of: tagColumn))
      #expect(after.forms == before.forms.map { $0.isEmpty ? "_" : $0 })
      #expect(
        after.values(ofColumn: tags)
          == before.values(ofColumn: before.defaultTagColumn).map { $0.isEmpty ? "_" : $0 },
        "line \(before.sourceLine)")
    }
  }

  @Test(.enabled(if: Fixtures.hasSharedData, Fixtures.sharedDataMissing))
  func npsChatCountsAndConversion() throws {
    let files = try corpusFiles("nps_chat", excluding: ["nltk_package.xml"])
    #expect(files.count == 15)
    let posts = try files.flatMap(read)
    #expect(posts.count == 10_567)
    #expect(posts.reduce(0) { $0 + $1.tokens.count } == 45_010)
    #expect(Set(posts.flatMap { $0.values(ofColumn: $0.defaultTagColumn) }).count == 74)
    #expect(posts.allSatisfy { $0.attribute("class") != nil && $0.attribute("text") != nil })

    #expect(posts.flatMap(\.forms).filter(\.isEmpty).count == 1, "one token has word=\"\"")

    // Penn Treebank tags go to XPOS; the empty word is written `_`, so every post reads back.
    let directory = try TemporaryDirectory()
    let (conllu, tiger) = try convert(posts, in: directory)
    try expectSameWordsAndTags(posts, conllu, tagColumn: "xpos")
    try expectSameWordsAndTags(posts, tiger, tagColumn: "xpos")
  }

  @Test(.enabled(if: Fixtures.hasSharedData, Fixtures.sharedDataMissing))
  func eltecSloveneCountsAndConversion() throws {
    let files = try corpusFiles("eltec_slv")
    #expect(files.count == 3)
    let sentences = try files.flatMap(read)
    #expect(sentences.count == 4_421)
    #expect(sentences.reduce(0) { $0 + $1.tokens.count } == 80_206)
    #expect(Set(sentences.flatMap { $0.values(ofColumn: $0.defaultTagColumn) }).count == 16)
    let first = try #require(sentences.first)
    #expect(first.columnNames.starts(with: ["word", "xml:id", "upos", "msd", "lemma"]))

    // ELTeC's pos attribute holds UPOS, so CoNLL-U gets it in the UPOS column.
    let directory = try TemporaryDirectory()
    let (conllu, tiger) = try convert(sentences, in: directory)
    try expectSameWordsAndTags(sentences, conllu, tagColumn: "upos")
    try expectSameWordsAndTags(sentences, tiger, tagColumn: "upos")
    var teiReader = try TEIReader(path: directory.write(sentences, as: .tei))
    let tei = try teiReader.readAll()
    #expect(tei.map(\.forms) == sentences.map(\.forms))
    #expect(
      tei.map { $0.values(ofColumn: $0.defaultTagColumn) }
        == sentences.map { $0.values(ofColumn: $0.defaultTagColumn) })
  }
}
