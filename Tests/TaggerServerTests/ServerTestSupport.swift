import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import Tagger
@testable import TaggerServer

/// Starts servers on the shipped model for the endpoint tests.
enum ServerTestSupport {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let modelPath = repositoryRoot.appendingPathComponent("models/en_ewt-upos.tagger").path

  /// The shipped model, loaded once for all tests (a debug build loads it slowly).
  static let model = Mutex<TaggerModel?>(nil)

  static func loadModel(_ path: String) throws -> TaggerModel {
    guard path == modelPath else { return try ModelFile.load(from: path) }
    return try model.withLock { cached in
      if let cached { return cached }
      let loaded = try ModelFile.load(from: path)
      cached = loaded
      return loaded
    }
  }

  /// A configuration serving the shipped model as `en_ewt-upos` and again as `second`.
  static func configuration() -> TaggerServerConfiguration {
    var configuration = TaggerServerConfiguration()
    configuration.port = 0
    configuration.models = [
      .init(parsing: modelPath), .init(parsing: "second=" + modelPath),
    ]
    configuration.batchWindow = .milliseconds(1)
    return configuration
  }

  /// Runs `test` against a server made from `configuration` through `framework`.
  static func withServer(
    _ framework: TestingSetup = .router,
    configure: (inout TaggerServerConfiguration) -> Void = { _ in },
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
  ) async throws {
    var configuration = configuration()
    configure(&configuration)
    let server = try TaggerServer(configuration: configuration, loadModel: loadModel)
    try await server.makeApplication().test(framework, test)
  }

  /// A POST of `body` to `uri`.
  static func post(
    _ client: some TestClientProtocol, _ uri: String, _ body: String,
    contentType: String = "application/json"
  ) async throws -> (status: Int, body: String, headers: HTTPFields) {
    try await client.execute(
      uri: uri, method: .post, headers: [.contentType: contentType],
      body: ByteBuffer(string: body)
    ) { response in
      (response.status.code, String(buffer: response.body), response.headers)
    }
  }

  /// The JSON object of a body.
  static func object(_ body: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
  }

  /// The tags of each sentence of a JSON `/tag` answer.
  static func tags(_ body: String) throws -> [[String]] {
    let sentences = try #require(try object(body)["sentences"] as? [[[String: Any]]])
    return sentences.map { $0.map { $0["tag"] as? String ?? "" } }
  }
}
