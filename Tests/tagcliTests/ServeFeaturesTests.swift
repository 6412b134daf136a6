import Corpora
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Tagger
@testable import TaggerServer

/// Models that read input columns beside the words (`train --features`): `serve` fills them
/// from a CoNLL-U body as `tag --input conllu` does, or from JSON `columns` beside `sentences`,
/// and refuses words alone with a 400 (it refused such models at start before); a label head beside input columns trains, tags and
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
        "{\"error\":\"body: the model reads the input column(s) upos beside the words; send them"
        + " as JSON \\\"columns\\\" beside \\\"sentences\\\", or send CoNLL-U (Content-Type:"
        + " text/x-conllu) that has them\"}\n"
      #expect(answers[1].0 == .badRequest)
      #expect(answers[1].1 == refusal)
      #expect(answers[2].0 == .badRequest)
      #expect(answers[2].1 == refusal)
      // A CoNLL-U sentence whose UPOS is empty (`_`) is read as it is by tag --input conllu.
      #expect(answers[3].0 == .ok, "\(answers[3].1)")
    }
  }

  /// JSON `columns` give a model its input columns: the answer is the one for the same
  /// sentences sent as CoNLL-U, and every malformed or mismatched column is a 400 naming it.
  @Test func jsonColumnsGiveAModelItsInputColumns() async throws {
    try await ServeLabelsTests.withDirectory { directory in
      let model = try SentenceLabelCommandTests.trainedTinyModel(
        fixture: Self.corpus, heads: ["--features", "upos", "--tag", "xpos"], epochs: 3,
        in: directory)
      let conllu =
        "1\tthe\t_\tDET\t_\t_\t_\t_\t_\t_\n2\tdog\t_\tNOUN\t_\t_\t_\t_\t_\t_\n\n"
        + "1\tcats\t_\tNOUN\t_\t_\t_\t_\t_\t_\n2\tsleep\t_\tVERB\t_\t_\t_\t_\t_\t_\n\n"
      let sentences = #""sentences": [["the", "dog"], ["cats", "sleep"]]"#
      let json = "application/json"
      let requests: [(query: String, body: String, contentType: String)] = [
        ("output=json&probs=true", conllu, "text/x-conllu"),
        (
          "probs=true",
          "{\(sentences), \"columns\": {\"upos\": [[\"DET\", \"NOUN\"], [\"NOUN\", \"VERB\"]]}}",
          json
        ),
        // A name matches as --features names do: `pos` is an alias of `upos`.
        (
          "probs=true",
          "{\(sentences), \"columns\": {\"POS\": [[\"DET\", \"NOUN\"], [\"NOUN\", \"VERB\"]]}}",
          json
        ),
        (
          "", "{\(sentences), \"columns\": {\"xpos\": [[\"DT\", \"NN\"], [\"NNS\", \"VBP\"]]}}",
          json
        ),
        ("", "{\(sentences), \"columns\": {\"upos\": [[\"DET\"], [\"NOUN\", \"VERB\"]]}}", json),
        ("", "{\(sentences), \"columns\": {\"upos\": [[\"DET\", \"NOUN\"]]}}", json),
        (
          "", "{\(sentences), \"columns\": {\"upos\": [[\"DET\", \"\"], [\"NOUN\", \"VERB\"]]}}",
          json
        ),
        ("", #"{"text": "the dog", "columns": {"upos": [["DET", "NOUN"]]}}"#, json),
        ("", "{\(sentences), \"columns\": []}", json),
        (
          "",
          "{\(sentences), \"columns\": {\"upos\": [[\"DET\", \"NOUN\"], [\"NOUN\", \"VERB\"]], \"Upos\": [[\"DET\", \"NOUN\"], [\"NOUN\", \"VERB\"]]}}",
          json
        ),
        (
          "",
          "{\(sentences), \"columns\": {\"upos\": [[\"DET\", \"NOUN\"], [\"NOUN\", \"VERB\"]], \"upos\": [[\"DET\", \"NOUN\"], [\"NOUN\", \"VERB\"]]}}",
          json
        ),
      ]
      let answers = try await Self.served(model: model, requests: requests)
      #expect(answers[0].0 == .ok, "\(answers[0].1)")
      #expect(answers[1].0 == .ok, "\(answers[1].1)")
      #expect(answers[1].1 == answers[0].1, "the same words and columns, the same answer")
      #expect(answers[2].1 == answers[0].1)
      let errors = answers.dropFirst(3).map {
        try? ServeLabelsTests.object($0.1)["error"] as? String
      }
      #expect(answers.dropFirst(3).allSatisfy { $0.0 == .badRequest }, "\(answers)")
      let expected = [
        "columns.xpos: the model does not read this column; it reads upos",
        "columns.upos[0]: 1 value(s) for the 2 word(s) of sentences[0]",
        "columns.upos: 1 array(s) for 2 sentence(s)",
        "columns.upos[0][1]: expected a non-empty string",
        "columns: go with \"sentences\" (words given one by one), not with \"text\"",
        "columns: expected an object of input columns",
        "columns.upos: the column is named twice (names ignore case)",
        "columns.upos: the column appears twice; give it once",
      ]
      #expect(errors.count == expected.count)
      for (error, prefix) in zip(errors, expected) {
        #expect(error?.hasPrefix(prefix) == true, "\(String(describing: error)) ≠ \(prefix)")
      }

      // The model's input columns are listed, so a client knows what to send.
      var configuration = TaggerServerConfiguration()
      configuration.models = [.init(parsing: model)]
      let server = try TaggerServer(configuration: configuration)
      let models = try await server.makeApplication().test(.router) { client in
        try await client.execute(uri: "/models", method: .get) { String(buffer: $0.body) }
      }
      #expect(models.contains(#""inputColumns":["upos"]"#), "\(models)")
    }
  }

  /// Columns sent to a model that reads none are refused, not ignored.
  @Test func jsonColumnsForAModelWithoutInputColumnsAreRefused() async throws {
    let model = ShippedModelTests.repositoryRoot.appendingPathComponent("models/en_ewt-upos.tagger")
    let answers = try await Self.served(
      model: model.path,
      requests: [
        (
          "", #"{"sentences": [["the", "dog"]], "columns": {"pos": [["DET", "NOUN"]]}}"#,
          "application/json"
        )
      ])
    #expect(answers[0].0 == .badRequest)
    #expect(
      answers[0].1.contains("columns.pos: the model does not read this column; it reads none"),
      "\(answers[0].1)")
  }
}
