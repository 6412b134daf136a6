import Corpora
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Tagger
@testable import TaggerServer

/// `tagcli serve` answers a sentence classifier's labels, and a two-head model's tags and
/// labels, with the same content as `tagcli tag` for the same input and options (it refused
/// such models at start before).
@Suite(.serialized) struct ServeLabelsTests {
  /// Three lines and an empty one, in words the tiny fixtures hold.
  static let text = "hello there\nwhy so ?\n\ndogs run\n"

  /// Runs `body` with a fresh temporary directory, removed afterwards.
  static func withDirectory(_ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "serve-labels-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
  }

  /// The server's answers to `POST /tag?QUERY` for each (query, body, content type), and its
  /// `GET /models`.
  static func served(
    model: String, requests: [(query: String, body: String, contentType: String)],
    maxTokens: Int = TaggerServerConfiguration().maxTokensPerRequest,
    status: HTTPResponse.Status = .ok
  ) async throws -> (answers: [String], models: String) {
    var configuration = TaggerServerConfiguration()
    configuration.models = [.init(parsing: model)]
    configuration.maxTokensPerRequest = maxTokens
    let server = try TaggerServer(configuration: configuration)
    return try await server.makeApplication().test(.router) { client in
      var answers: [String] = []
      for request in requests {
        answers.append(
          try await client.execute(
            uri: "/tag?" + request.query, method: .post,
            headers: [.contentType: request.contentType], body: ByteBuffer(string: request.body)
          ) { response in
            #expect(response.status == status, "\(String(buffer: response.body))")
            return String(buffer: response.body)
          })
      }
      let models = try await client.execute(uri: "/models", method: .get) {
        String(buffer: $0.body)
      }
      return (answers, models)
    }
  }

  /// `tagcli tag -m MODEL ARGUMENTS` on `input`.
  static func tagged(model: String, _ arguments: [String], input: String = text) throws -> String {
    let run = try CorpusCommandSupport.run(["tag", "-m", model] + arguments, input: input)
    #expect(run.status == 0, "\(run.stderr)")
    return run.stdout
  }

  static func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func aClassifierAnswersItsLabelsAsTagDoes() async throws {
    try await Self.withDirectory { directory in
      let model = try SentenceLabelCommandTests.trainedTinyModel(
        fixture: "labels-tiny.txt", heads: ["--format", "labeled", "--label", "label"],
        epochs: 20, in: directory)
      let json = #"{"text": "# + JSONLinesWriter.quoted(Self.text) + "}"
      let (answers, models) = try await Self.served(
        model: model,
        requests: [
          ("output=wordtag", json, "application/json"),
          ("output=wordtag&probs=true&top=2", Self.text, "text/plain"),
          ("output=conllu&probs=true&top=3", json, "application/json"),
          ("probs=true&top=2", json, "application/json"),
        ])
      #expect(answers[0] == (try Self.tagged(model: model, [])))
      #expect(answers[0].hasPrefix("greet\thello there\n"), "\(answers[0])")
      #expect(answers[1] == (try Self.tagged(model: model, ["--probs", "--top", "2"])))
      #expect(
        answers[2]
          == (try Self.tagged(model: model, ["--output", "conllu", "--probs", "--top", "3"])))
      #expect(answers[2].contains("# label = "))

      // JSON: the words without tags, and a label per sentence (null for the empty line) with
      // the probability and alternatives `tag --output json` gives.
      let body = try Self.object(answers[3])
      let sentences = try #require(body["sentences"] as? [[[String: Any]]])
      #expect(sentences.map { $0.compactMap { $0["word"] as? String } }.count == 4)
      #expect(sentences.allSatisfy { $0.allSatisfy { $0["tag"] == nil } })
      let labels = try #require(body["labels"] as? [Any])
      #expect(labels.count == 4)
      #expect(labels[2] is NSNull)
      let lines = try Self.tagged(model: model, ["--output", "json", "--probs", "--top", "2"])
        .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      #expect(lines.count == 4)
      for (label, line) in zip(labels, lines) {
        let expected = try Self.object(String(line))
        guard let label = label as? [String: Any] else {
          #expect(expected["label"] == nil)
          continue
        }
        #expect(label["label"] as? String == expected["label"] as? String)
        #expect(label["prob"] as? Double == expected["label_prob"] as? Double)
        let top = try #require(label["top"] as? [[String: Any]])
        let expectedTop = try #require(expected["label_top"] as? [[String: Any]])
        #expect(top.map { $0["label"] as? String } == expectedTop.map { $0["label"] as? String })
        #expect(top.count == 2)
      }

      // /models names the label head and its labels, and no tag layer.
      let summary = try #require(
        ((try Self.object(models))["models"] as? [[String: Any]])?.first)
      #expect(summary["tagLayer"] == nil)
      let heads = try #require(summary["heads"] as? [[String: Any]])
      #expect(heads.count == 1)
      #expect(heads.first?["name"] as? String == "label")
      #expect(heads.first?["key"] as? String == "label")
      #expect(heads.first?["labels"] as? [String] == ["ask", "greet", "state"])

      // A sentence longer than a label model reads whole is refused, as tag refuses it, even
      // when --max-tokens lets it in.
      let limit = TaggerModel.labelledSentenceWordLimit
      let long = Array(repeating: "hello", count: limit + 1).joined(separator: " ")
      let refused = try await Self.served(
        model: model, requests: [("", "why\n" + long + "\n", "text/plain")],
        maxTokens: 2 * limit, status: .contentTooLarge)
      #expect(
        refused.answers[0]
          == "{\"error\":\"body: sentence 2 has \(limit + 1) words; a label model reads a"
          + " sentence whole, up to \(limit) words\"}\n")
    }
  }

  @Test func aTwoHeadModelAnswersTagsAndLabelsAsTagDoes() async throws {
    try await Self.withDirectory { directory in
      let model = try SentenceLabelCommandTests.trainedTinyModel(
        fixture: "labels-tiny.conllu", heads: ["--tag", "upos", "--label", "label"],
        epochs: 20, in: directory)
      let corpus = try CorpusCommandSupport.fixture("labels-tiny.conllu")
      let conllu = try String(contentsOfFile: corpus, encoding: .utf8)
      let json = #"{"text": "# + JSONLinesWriter.quoted(Self.text) + "}"
      let (answers, models) = try await Self.served(
        model: model,
        requests: [
          ("output=wordtag&probs=true&top=2", json, "application/json"),
          ("output=conllu", json, "application/json"),
          ("", conllu, "text/x-conllu"),
          ("top=2", json, "application/json"),
        ])
      #expect(answers[0] == (try Self.tagged(model: model, ["--probs", "--top", "2"])))
      #expect(answers[0].contains("\tdogs/"), "\(answers[0])")
      #expect(answers[1] == (try Self.tagged(model: model, ["--output", "conllu"])))
      // CoNLL-U in, CoNLL-U out: the UPOS column and `# label` filled in, as tag --input conllu.
      #expect(answers[2] == (try Self.tagged(model: model, ["--input", "conllu", corpus])))

      let body = try Self.object(answers[3])
      let sentences = try #require(body["sentences"] as? [[[String: Any]]])
      let labels = try #require(body["labels"] as? [Any])
      let lines = try Self.tagged(model: model, ["--output", "json"])
        .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      for ((sentence, label), line) in zip(zip(sentences, labels), lines) {
        let expected = try Self.object(String(line))
        #expect(sentence.map { $0["tag"] as? String } == (expected["tags"] as? [String] ?? []))
        #expect((label as? [String: Any])?["label"] as? String == expected["label"] as? String)
        #expect(((label as? [String: Any])?["top"] as? [Any])?.count ?? 2 == 2)
      }
      let heads = try #require(
        ((try Self.object(models))["models"] as? [[String: Any]])?.first?["heads"]
          as? [[String: Any]])
      #expect(heads.map { $0["name"] as? String } == ["tags", "label"])
    }
  }
}
