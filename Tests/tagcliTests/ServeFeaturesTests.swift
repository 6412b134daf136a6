import Corpora
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Tagger
@testable import TaggerServer

/// Models that read input columns beside the words (`train --features`): `serve` fills them
/// from a CoNLL-U body as `tag --input conllu` does, and refuses words alone with a 400 (it
/// refused such models at start before); a label head beside input columns trains, tags and
/// serves (training stopped on a precondition before).
@Suite(.serialized) struct ServeFeaturesTests {
  static let corpus = "labels-tiny.conllu"

  /// The server's status and body for each (query, body, content type).
  static func served(
    model: String, requests: [(query: String, body: String, contentType: String)]
  ) async throws -> [(HTTPResponse.Status, String)] {
    var configuration = TaggerServerConfiguration()
    configuration.models = [.init(parsing: model)]
    let server = try TaggerServer(configuration: configuration)
    return try await server.makeApplication().test(.router) { client in
      var answers: [(HTTPResponse.Status, String)] = []
      for request in requests {
        answers.append(
          try await client.execute(
            uri: "/tag?" + request.query, method: .post,
            headers: [.contentType: request.contentType], body: ByteBuffer(string: request.body)
          ) { ($0.status, String(buffer: $0.body)) })
      }
      return answers
    }
  }

  @Test(arguments: [
    ["--tag", "xpos"], ["--label", "label"], ["--tag", "xpos", "--label", "label"],
  ])
  func aModelWithInputColumnsServesCoNLLUAsTagDoes(heads: [String]) async throws {
    let corpus = try CorpusCommandSupport.fixture(Self.corpus)
    let conllu = try String(contentsOfFile: corpus, encoding: .utf8)
    try await ServeLabelsTests.withDirectory { directory in
      let model = try SentenceLabelCommandTests.trainedTinyModel(
        fixture: Self.corpus, heads: ["--features", "upos"] + heads, epochs: 3, in: directory)
      let evaluation = try CorpusCommandSupport.run(
        ["eval", corpus, "-m", model] + (heads.contains("xpos") ? ["--tag", "xpos"] : []))
      #expect(evaluation.status == 0, "\(evaluation.stderr)")

      let answers = try await Self.served(
        model: model,
        requests: [
          ("", conllu, "text/x-conllu"),
          ("", #"{"sentences": [["dogs", "run"]]}"#, "application/json"),
          ("", "dogs run\n", "text/plain"),
          ("", "1\tdogs\tdog\t_\tNNS\t_\t_\t_\t_\t_\n\n", "text/x-conllu"),
        ])
      #expect(answers[0].0 == .ok, "\(answers[0].1)")
      #expect(
        answers[0].1
          == (try ServeLabelsTests.tagged(model: model, ["--input", "conllu", corpus], input: "")))
      let refusal =
        "{\"error\":\"body: the model reads the input column(s) upos beside the words; send"
        + " CoNLL-U (Content-Type: text/x-conllu) that has them\"}\n"
      #expect(answers[1].0 == .badRequest)
      #expect(answers[1].1 == refusal)
      #expect(answers[2].0 == .badRequest)
      #expect(answers[2].1 == refusal)
      // A CoNLL-U sentence whose UPOS is empty (`_`) is read as it is by tag --input conllu.
      #expect(answers[3].0 == .ok, "\(answers[3].1)")
    }
  }
}
