import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Tagger
@testable import TaggerServer

/// `GET /`, `/models`, `/health` and `/metrics`.
@Suite struct ServiceEndpointTests {
  typealias Support = ServerTestSupport

  @Test func modelsListsNamesLayersHeadsCellAndProvenance() async throws {
    try await Support.withServer { client in
      try await client.execute(uri: "/models", method: .get) { response in
        #expect(response.status == .ok)
        let object = try Support.object(String(buffer: response.body))
        #expect(object["default"] as? String == "en_ewt-upos")
        let models = try #require(object["models"] as? [[String: Any]])
        #expect(models.map { $0["name"] as? String } == ["en_ewt-upos", "second"])
        #expect(models[0]["tagLayer"] as? String == "upos")
        #expect(models[0]["cell"] as? String == "lstm")
        let heads = try #require(models[0]["heads"] as? [[String: Any]])
        #expect((heads.first?["tags"] as? [String])?.count == 17)
        let training = try #require(models[0]["training"] as? [String: Any])
        #expect((training["sentences"] as? Int ?? 0) > 10_000)
      }
    }
  }

  /// The shipped four-column model: `/models` lists every layer `/tag` answers.
  @Test func modelsListsEveryAnsweredLayer() throws {
    let path = Support.repositoryRoot.appendingPathComponent("models/en_ewt-ud.tagger").path
    var configuration = Support.configuration()
    configuration.models = [.init(parsing: path)]
    let server = try TaggerServer(configuration: configuration, loadModel: Support.loadModel)
    let heads = try #require(server.models[0].summary["heads"] as? [[String: Any]])
    #expect(heads.map { $0["layer"] as? String } == ["upos", "xpos", "feats", "lemma"])
    #expect(heads.map { $0["name"] as? String } == ["tags", "tags", "tags", "lemma"])
    #expect((heads[0]["tags"] as? [String])?.count == 17)
    #expect((heads[1]["tags"] as? [String])?.contains("NNS") == true)
    #expect((heads[2]["tags"] as? [String])?.contains("Number=Plur") == true)
  }

  @Test func healthAndMetricsAfterATaggedRequest() async throws {
    try await Support.withServer { client in
      try await client.execute(uri: "/health", method: .get) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body).contains(#""status":"ok""#))
      }
      _ = try await Support.post(client, "/tag", #"{"sentences": [["The", "dog"]]}"#)
      _ = try await Support.post(client, "/tag?model=nope", #"{"text": "x"}"#)
      try await client.execute(uri: "/metrics", method: .get) { response in
        let text = String(buffer: response.body)
        #expect(
          text.contains(#"tagger_http_requests_total{route="/tag",status="200"} 1"#), "\(text)")
        #expect(text.contains(#"tagger_http_requests_total{route="/tag",status="404"} 1"#))
        #expect(text.contains(#"tagger_tokens_tagged_total{model="en_ewt-upos"} 2"#))
        #expect(text.contains(#"tagger_batch_sentences_bucket{model="en_ewt-upos",le="1.0"} 1"#))
        #expect(text.contains("tagger_http_request_duration_seconds_bucket"))
      }
    }
  }

  @Test func thePageIsSelfContained() async throws {
    try await Support.withServer { client in
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        let html = String(buffer: response.body)
        #expect(html.contains("<textarea"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
      }
    }
  }
}
