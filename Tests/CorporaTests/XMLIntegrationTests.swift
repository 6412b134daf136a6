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

  /// XML → CoNLL-U → XML: returns the sentences as read back from CoNLL-U (lenient, so empty
  /// words are counted rather than fatal) and from TIGER-XML, plus the CoNLL-U reader's skips.
  private func convert(_ sentences: [Sentence], in directory: TemporaryDirectory) throws
    -> (conllu: [Sentence], tiger: [Sentence], skipped: [CorpusError])
  {
    let conlluPath = directory.path("corpus-\(UUID().uuidString).conllu")
    let output = try TextOutput(path: conlluPath)
    var writer = CoNLLUWriter(output: output)
    for sentence in sentences { try writer.write(sentence) }
    try writer.finish()
    try output.close()
    var conlluReader = try CoNLLUReader(path: conlluPath, skipMalformed: true)
    let conllu = try conlluReader.readAll()
    var tigerReader = try TigerXMLReader(path: writeXML(conllu, format: .tiger, in: directory))
    return (conllu, try tigerReader.readAll(), conlluReader.skippedErrors)
  }

  /// Checks words and tags of `converted` (tags in column `xpos`, where CoNLL-U put them, with
  /// `_` for an empty value) against `original` (tags in its default layer).
  private func expectSameWordsAndTags(_ original: [Sentence], _ converted: [Sentence]) throws {
    try #require(original.count == converted.count)
    for (before, after) in zip(original, converted) {
      let xpos = try #require(after.columnNames.firstIndex(of: "xpos"))
      #expect(after.forms == before.forms)
      #expect(
        after.values(ofColumn: xpos)
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

    let directory = try TemporaryDirectory()
    let (conllu, tiger, skipped) = try convert(posts, in: directory)
    // The one token with word="" is written as an empty CoNLL-U form, which CoNLL-U rejects.
    #expect(skipped.map(\.kind) == [.emptyForm])
    let postsWithWords = posts.filter { !$0.forms.contains("") }
    #expect(postsWithWords.count == 10_566)
    try expectSameWordsAndTags(postsWithWords, conllu)
    try expectSameWordsAndTags(postsWithWords, tiger)
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
    #expect(first.columnNames.starts(with: ["word", "xml:id", "pos", "msd", "lemma"]))

    let directory = try TemporaryDirectory()
    let (conllu, tiger, skipped) = try convert(sentences, in: directory)
    #expect(skipped.isEmpty)
    try expectSameWordsAndTags(sentences, conllu)
    try expectSameWordsAndTags(sentences, tiger)
    var teiReader = try TEIReader(path: writeXML(sentences, format: .tei, in: directory))
    let tei = try teiReader.readAll()
    #expect(tei.map(\.forms) == sentences.map(\.forms))
    #expect(
      tei.map { $0.values(ofColumn: $0.defaultTagColumn) }
        == sentences.map { $0.values(ofColumn: $0.defaultTagColumn) })
  }
}
