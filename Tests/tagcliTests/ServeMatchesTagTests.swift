import Corpora
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TaggerServer

/// `tagcli serve` answers with the same content as `tagcli tag` for the same input and options.
@Suite struct ServeMatchesTagTests {
  static let modelPath = ShippedModelTests.modelPath
  static let text = """
    The children can't find their red ball.
    I saw her duck near the river bank yesterday, didn't I?

    Dr. Smith paid $4.50 for 3 apples / pears.
    """

  /// The server's body and `tagcli tag`'s output for `text` with `query` and `arguments`.
  func answers(query: String, arguments: [String], pretokenized: Bool = false) async throws -> (
    server: String, cli: String
  ) {
    var configuration = TaggerServerConfiguration()
    configuration.models = [.init(parsing: Self.modelPath)]
    let server = try TaggerServer(configuration: configuration)
    let body: String
    if pretokenized {
      let sentences = Self.text.split(separator: "\n", omittingEmptySubsequences: false).map {
        "[" + $0.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ",") + "]"
      }
      body = #"{"sentences": ["# + sentences.joined(separator: ",") + "]}"
    } else {
      body = #"{"text": "# + JSONLinesWriter.quoted(Self.text) + "}"
    }
    let served = try await server.makeApplication().test(.router) { client in
      try await client.execute(
        uri: "/tag?" + query, method: .post, headers: [.contentType: "application/json"],
        body: ByteBuffer(string: body)
      ) { String(buffer: $0.body) }
    }
    let run = try CorpusCommandSupport.run(
      ["tag", "-m", Self.modelPath] + arguments + (pretokenized ? ["--pretokenized"] : []),
      input: Self.text + "\n")
    #expect(run.status == 0, "\(run.stderr)")
    return (served, run.stdout)
  }

  @Test func conlluWithProbabilitiesAndTopTags() async throws {
    let (server, cli) = try await answers(
      query: "output=conllu&probs=true&top=3",
      arguments: ["--output", "conllu", "--probs", "--top", "3"])
    #expect(server == cli)
    #expect(server.contains("Top=DET:"))
  }

  @Test func wordTagPlainAndWithProbabilities() async throws {
    let plain = try await answers(query: "output=wordtag", arguments: [])
    #expect(plain.server == plain.cli)
    let probs = try await answers(
      query: "output=wordtag&probs=1&top=2", arguments: ["--probs", "--top", "2"],
      pretokenized: true)
    #expect(probs.server == probs.cli)
  }

  @Test func jsonCarriesTheSameTagsAndProbabilities() async throws {
    let (server, cli) = try await answers(
      query: "probs=true&top=3", arguments: ["--output", "json", "--probs", "--top", "3"])
    let served = try #require(
      (try JSONSerialization.jsonObject(with: Data(server.utf8)) as? [String: Any])?["sentences"]
        as? [[[String: Any]]])
    let lines = cli.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(served.count == lines.count)
    for (sentence, line) in zip(served, lines) {
      let expected = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(sentence.map { $0["word"] as? String } == (expected["words"] as? [String])!)
      #expect(sentence.map { $0["tag"] as? String } == (expected["tags"] as? [String])!)
      let cliProbs = (expected["probs"] as? [Double])!.map(Float.init)
      #expect(sentence.map { Float($0["prob"] as? Double ?? -1) } == cliProbs)
    }
  }
}
