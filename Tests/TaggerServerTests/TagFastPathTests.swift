import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import TaggerServer

#if canImport(Glibc)
  import Glibc
#endif

/// `POST /tag` answered inside the channel pipeline (`TagFastPathHandler`) against the same
/// requests answered by the router: same statuses, headers that matter, and bytes; HTTP/1.1
/// pipelining keeps its order. Live servers on free ports. `Scripts/test.sh` runs this module's
/// tests in a pass of their own: beside the command tests, which block the cooperative pool while
/// a child process trains, a live server could be starved past the sockets' receive timeouts.
@Suite struct TagFastPathTests {
  typealias Support = ServerTestSupport

  struct Answer: Equatable {
    var status: Int
    var contentType: String?
    var retryAfter: String?
    var body: String
  }

  /// Requests covering each answer format, the options, and each client error the pipeline
  /// path answers itself. The oversized body is last: its `413` closes the connection.
  static let requests: [(uri: String, contentType: String, body: String)] = [
    ("/tag", "application/json", #"{"sentences": [["The", "dog"]]}"#),
    ("/tag?probs=true&top=3&model=second", "application/json", #"{"text": "I saw her."}"#),
    ("/tag?output=conllu&probs=1", "application/json", #"{"text": "Dogs bark.\nCats sleep."}"#),
    ("/tag?output=wordtag&top=2", "text/plain", "The old man the boats .\n\nRun !\n"),
    (
      "/tag", "text/x-conllu",
      "# sent_id = a\n1\tThe\tthe\t_\t_\t_\t2\tdet\t_\t_\n2\tdog\tdog\t_\t_\t_\t0\troot\t_\t_\n\n"
    ),
    ("/tag?output=json", "text/x-conllu", "1\tHello\t_\t_\t_\t_\t_\t_\t_\t_\n\n"),
    ("/tag", "application/json", #"{"sentences": [["The", 3]]}"#),
    ("/tag", "application/json", #"{"text": "#),
    ("/tag?top=0", "application/json", #"{"text": "Hi"}"#),
    ("/tag?model=fr", "application/json", #"{"text": "Salut"}"#),
    ("/tag", "application/json", #"{"text": "\#(String(repeating: "a ", count: 60))"}"#),
    ("/tag", "application/json", #"{"text": "\#(String(repeating: "a ", count: 600))"}"#),
  ]

  /// The answers of a live server to `requests`, each on its own connection, and how many the
  /// pipeline path gave.
  static func answers(onEventLoops: Bool) async throws -> ([Answer], Int) {
    var configuration = Support.configuration()
    configuration.answersTagOnEventLoops = onEventLoops
    configuration.maxTokensPerRequest = 50
    configuration.maxBodyBytes = 1_000
    let server = try TaggerServer(configuration: configuration, loadModel: Support.loadModel)
    let answers = try await server.makeApplication().test(.live) { client in
      let port = try #require(client.port)
      var answers: [Answer] = []
      for request in requests {
        let answer = try #require(
          await Self.exchange(
            port: port,
            "POST \(request.uri) HTTP/1.1\r\nHost: x\r\nContent-Type: \(request.contentType)\r\n"
              + "Content-Length: \(request.body.utf8.count)\r\n\r\n" + request.body,
            answers: 1
          ).answers.first,
          "no answer to \(request.uri) \(request.body.prefix(40))")
        answers.append(
          Answer(
            status: answer.status, contentType: header("content-type", answer.head),
            retryAfter: header("retry-after", answer.head), body: answer.body))
      }
      return answers
    }
    return (answers, server.metrics.tagAnswersOnEventLoops.load(ordering: .relaxed))
  }

  /// What a raw connection received: the answers read, whether the server then closed it
  /// (within the connection's 20 s receive timeout), and any bytes after the last answer.
  struct Exchange: Sendable {
    var answers: [(status: Int, body: String, head: String)] = []
    var closed = false
    var left: [UInt8] = []
  }

  /// Sends `text` on a new connection and reads up to `answers` answers, then whether the
  /// server closes it (only when `waitsForClose`). Blocking socket calls run on a thread of
  /// their own: on Swift's cooperative pool (two threads here) they would starve the server's
  /// tasks while other tests run.
  static func exchange(port: Int, _ text: String, answers count: Int, waitsForClose: Bool = false)
    async -> Exchange
  {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        var exchange = Exchange()
        // Answers that go through the router run on the Swift concurrency pool, which the
        // suite's synchronous tests (waiting on tagcli processes) can hold for longer than the
        // usual 20 s when the machine has two cores: wait as long as a whole test run may take.
        guard
          let connection = try? ConnectionLimitTests.RawConnection(
            port: port, receiveTimeout: 900)
        else {
          return continuation.resume(returning: exchange)
        }
        connection.send(text)
        var pending: [UInt8] = []
        while exchange.answers.count < count,
          let answer = ConnectionLimitTests.readResponse(connection, pending: &pending)
        {
          exchange.answers.append(answer)
        }
        if waitsForClose {
          // Closed means end of file (`recv` returns 0), not the receive timeout (-1): no clock
          // decides it, so a machine slowed down by other work cannot fail the test.
          var buffer = [UInt8](repeating: 0, count: 4096)
          while true {
            let received = recv(connection.descriptor, &buffer, buffer.count, 0)
            if received <= 0 {
              exchange.closed = received == 0
              break
            }
            pending += buffer[..<received]
          }
        }
        exchange.left = pending
        continuation.resume(returning: exchange)
      }
    }
  }

  /// A header's value in a response head.
  static func header(_ name: String, _ head: String) -> String? {
    head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name + ":") }
      .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
  }

  @Test func thePipelinePathAnswersLikeTheRouter() async throws {
    let (fast, fastCount) = try await Self.answers(onEventLoops: true)
    let (routed, routedCount) = try await Self.answers(onEventLoops: false)
    #expect(fastCount == Self.requests.count, "every /tag answered in the pipeline")
    #expect(routedCount == 0)
    #expect(fast.count == Self.requests.count)
    for (index, (one, other)) in zip(fast, routed).enumerated() {
      #expect(one == other, "request \(index): \(Self.requests[index].uri)")
    }
    #expect(fast.map(\.status) == [200, 200, 200, 200, 200, 200, 400, 400, 400, 404, 413, 413])
  }

  /// Three requests in one write, the last asking to close: three answers in their order, then
  /// the server closes the connection. The second goes to the router and arrives while the
  /// first is being tagged, so it waits; the third arrives while the router owes the second's
  /// answer, so the router answers it.
  @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
    var configuration = Support.configuration()
    configuration.batchWindow = .milliseconds(20)  // the first answer is the slow one
    let server = try TaggerServer(configuration: configuration, loadModel: Support.loadModel)
    try await server.makeApplication().test(.live) { client in
      func post(_ body: String, closing: Bool = false) -> String {
        "POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + (closing ? "Connection: close\r\n" : "")
          + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
      }
      let exchange = await Self.exchange(
        port: try #require(client.port),
        post(#"{"sentences": [["The", "dog"]]}"#) + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
          + post(#"{"sentences": [["Run", "!"]]}"#, closing: true),
        answers: 3, waitsForClose: true)
      try #require(exchange.answers.count == 3)
      let (first, second, third) = (exchange.answers[0], exchange.answers[1], exchange.answers[2])
      #expect(first.status == 200 && second.status == 200 && third.status == 200)
      #expect(try Support.tags(first.body) == [["DET", "NOUN"]])
      #expect(second.body.contains(#""status":"ok""#), "\(second.body)")
      #expect(try Support.tags(third.body) == [["VERB", "PUNCT"]])
      #expect(exchange.closed, "closed by the server, not the timeout")
      #expect(exchange.left.isEmpty, "nothing after the third answer")
    }
    // The third came while the router still owed the second's answer: the router answered it.
    #expect(server.metrics.tagAnswersOnEventLoops.load(ordering: .relaxed) == 1)
  }

  /// A client that sends `Expect: 100-continue` waits for `100 Continue` before the body (curl
  /// gives up waiting after a second): it gets it at once, then the answer.
  @Test func expectContinueGetsA100BeforeTheBody() async throws {
    let server = try TaggerServer(
      configuration: Support.configuration(), loadModel: Support.loadModel)
    try await server.makeApplication().test(.live) { client in
      let port = try #require(client.port)
      let body = #"{"sentences": [["The", "dog"]]}"#
      let answers: [(status: Int, body: String, head: String)] = await withCheckedContinuation {
        continuation in
        Thread.detachNewThread {
          guard let connection = try? ConnectionLimitTests.RawConnection(port: port) else {
            return continuation.resume(returning: [])
          }
          var pending: [UInt8] = []
          var answers: [(status: Int, body: String, head: String)] = []
          connection.send(
            "POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Expect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
          if let interim = ConnectionLimitTests.readResponse(connection, pending: &pending) {
            answers.append(interim)
            connection.send(body)
            if let final = ConnectionLimitTests.readResponse(connection, pending: &pending) {
              answers.append(final)
            }
          }
          continuation.resume(returning: answers)
        }
      }
      try #require(answers.count == 2, "\(answers.map(\.head))")
      #expect(answers[0].status == 100)
      #expect(answers[1].status == 200)
      #expect(try Support.tags(answers[1].body) == [["DET", "NOUN"]])
    }
  }

  /// The installer puts the handler after Hummingbird's connection state handler once the
  /// connection is active (before it, the state handler would see a connection busy with
  /// `/tag` requests as idle and close it; `ConnectionLimitTests` checks that on a live socket).
  @Test func theHandlerSitsAfterTheConnectionStateHandler() throws {
    let server = try TaggerServer(
      configuration: Support.configuration(), loadModel: Support.loadModel)
    // As Hummingbird's HTTP/1.1 channel adds them: a configuration's handlers, then its own.
    let channel = EmbeddedChannel()
    try channel.pipeline.syncOperations.addHandlers([
      TagFastPathInstaller(server: server),
      HTTPConnectionStateHandler(logger: Logger(label: "test")),
    ])
    #expect(!channel.pipeline.debugDescription.contains("TagFastPathHandler"))
    try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
    let description = channel.pipeline.debugDescription
    let state = try #require(description.range(of: "HTTPConnectionStateHandler"), "\(description)")
    let fast = try #require(description.range(of: "TagFastPathHandler"), "\(description)")
    #expect(state.lowerBound < fast.lowerBound, "\(description)")
    #expect(!description.contains("TagFastPathInstaller"), "the installer removed itself")
    _ = try? channel.finish()
  }
}
