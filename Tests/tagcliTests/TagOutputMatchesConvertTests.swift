import Foundation
import Testing

/// `tag --output FORMAT` writes through the same Corpora writer as `convert --to FORMAT`: the
/// same words and tags give the same bytes, escaping of `/` included.
@Suite struct TagOutputMatchesConvertTests {
  static let text = "I like apples/pears and/or 1/2 plums\n\nShe said \\/ and a/b/c .\n"

  /// `tag`'s output for `text` in `format`, and `convert --to convertFormat` of `tag`'s CoNLL-U.
  func outputs(tag format: String, convert convertFormat: String, extra: [String] = []) throws
    -> (tag: String, convert: String)
  {
    let model = ShippedModelTests.modelPath
    var result: (String, String) = ("", "")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--output", "conllu"], input: Self.text)
      #expect(tagged.status == 0, "\(tagged.stderr)")
      let conllu = directory.appendingPathComponent("tagged.conllu").path
      try Data(tagged.stdout.utf8).write(to: URL(fileURLWithPath: conllu))
      let direct = try CorpusCommandSupport.run(
        ["tag", "-m", model, "--pretokenized", "--output", format], input: Self.text)
      #expect(direct.status == 0, "\(direct.stderr)")
      let converted = try CorpusCommandSupport.run(
        ["convert", conllu, "--to", convertFormat, "-o", "-"] + extra)
      #expect(converted.status == 0, "\(converted.stderr)")
      result = (direct.stdout, converted.stdout)
    }
    return result
  }

  @Test func wordTagIsEscapedAsConvertEscapesIt() throws {
    let (tag, convert) = try outputs(tag: "wordtag", convert: "wordtag")
    // The blank input line is an empty line for tag; CoNLL-U has no empty sentence to convert.
    let lines = tag.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 4 && lines[1].isEmpty, "\(tag)")
    #expect(lines.filter { !$0.isEmpty }.joined(separator: "\n") + "\n" == convert)
    #expect(tag.contains("apples\\/pears/"), "\(tag)")
    #expect(tag.contains(" \\\\//"), "a lone \\/ word: \(tag)")
  }

  @Test func tsvIsWrittenAsConvertWritesIt() throws {
    let (tag, convert) = try outputs(tag: "tsv", convert: "tsv", extra: ["--tag", "upos"])
    #expect(tag.replacingOccurrences(of: "\n\n\n", with: "\n\n") == convert)
    #expect(tag.hasPrefix("I\tPRON\n"), "\(tag)")
  }

  @Test func jsonKeepsSlashesAsConvertDoes() throws {
    let (tag, convert) = try outputs(tag: "json", convert: "jsonl")
    #expect(tag.contains(#""apples/pears","and/or","1/2""#), "JSON needs no escaped slash: \(tag)")
    let tagWords = try tag.split(separator: "\n").map(Self.words)
    let convertWords = try convert.split(separator: "\n").map(Self.words)
    #expect(tagWords.filter { !$0.isEmpty } == convertWords)
    #expect(
      tag.split(separator: "\n").first?.hasPrefix(#"{"words":["I","like","apples/pears""#) == true)
  }

  @Test func corpusInputGetsProbabilitiesWhereItsFormatKeepsThem() throws {
    let corpus = try CorpusCommandSupport.fixture("train-tiny.conllu")
    let model = ShippedModelTests.modelPath
    let tagged = try CorpusCommandSupport.run(
      ["tag", "-m", model, "--input", "conllu", "--probs", "--top", "2", corpus])
    #expect(tagged.status == 0, "\(tagged.stderr)")
    let tokens = tagged.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
      .map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    #expect(tokens.count == 17)
    for fields in tokens {
      let misc = fields[9]
      #expect(misc.hasPrefix("Prob=") && misc.contains("|Top=\(fields[3]):"), "\(fields)")
    }
    let plain = try CorpusCommandSupport.run(["tag", "-m", model, "--input", "conllu", corpus])
    #expect(!plain.stdout.contains("Prob="))
    #expect(plain.stdout.split(separator: "\n").count == tagged.stdout.split(separator: "\n").count)
  }

  static func words(_ line: Substring) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    return try #require(object?["words"] as? [String])
  }
}
