import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TaggerServer

#if canImport(Glibc)
  import Glibc
#endif

/// Limits that live at the connection: a declared oversized body, a body that never comes, and
/// headers that never end. Runs a live server on a free port with short timeouts.
///
/// Opt-in (`TAGGER_LONG_TESTS=1`): they rely on sub-second timeouts, which a machine starved by
/// the whole parallel suite (load average 16 on 2 cores here) misses; alone they take 2 s.
/// `Scripts/serve/loadtest.py hostile` checks the same limits against a running server.
@Suite(
  .serialized,
  .enabled(
    if: ProcessInfo.processInfo.environment["TAGGER_LONG_TESTS"] != nil,
    "opt-in: set TAGGER_LONG_TESTS=1 (timing-sensitive live sockets)"))
struct ConnectionLimitTests {
  typealias Support = ServerTestSupport

  /// A blocking loopback TCP connection with a receive timeout.
  final class RawConnection {
    let descriptor: Int32

    /// Connects to the server at `port`; a `recv` waits at most `receiveTimeout` seconds.
    init(port: Int, receiveTimeout: Int = 20) throws {
      descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      try #require(connected == 0, "connect failed")
      var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
      setsockopt(
        descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
      _ = Array(text.utf8).withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Everything received until the server closes the connection (or 20 s pass: then nil).
    func readUntilClosed() -> String? {
      var received: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = recv(descriptor, &buffer, buffer.count, 0)
        if count == 0 { return String(decoding: received, as: UTF8.self) }
        if count < 0 { return nil }
        received += buffer[..<count]
      }
    }
  }

  /// One answer read from a connection (bytes after it stay in `pending`): its status code,
  /// body and head (status line and headers); nil when the connection closed first.
  static func readResponse(_ connection: RawConnection, pending: inout [UInt8])
    -> (status: Int, body: String, head: String)?
  {
    var buffer = [UInt8](repeating: 0, count: 4096)
    func fill() -> Bool {
      let count = recv(connection.descriptor, &buffer, buffer.count, 0)
      if count <= 0 { return false }
      pending += buffer[..<count]
      return true
    }
    let separator = Array("\r\n\r\n".utf8)
    var headEnd: Int?
    while headEnd == nil {
      if pending.count >= 4 {
        headEnd = (0...(pending.count - 4)).first { Array(pending[$0..<$0 + 4]) == separator }
      }
      if headEnd == nil, !fill() { return nil }
    }
    let head = String(decoding: pending[..<headEnd!], as: UTF8.self)
    let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    let length =
      head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
      .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
    let bodyStart = headEnd! + 4
    while pending.count < bodyStart + length {
      if !fill() { return nil }
    }
    let body = String(decoding: pending[bodyStart..<bodyStart + length], as: UTF8.self)
    pending.removeFirst(bodyStart + length)
    return (status, body, head)
  }

  static func withLiveServer(
    readTimeout: Duration = .milliseconds(300), idleTimeout: Duration = .milliseconds(600),
    _ test: @escaping @Sendable (Int) async throws -> Void
  ) async throws {
    try await Support.withServer(
      .live,
      configure: {
        $0.readTimeout = readTimeout
        $0.idleTimeout = idleTimeout
        $0.maxBodyBytes = 1_000
      }
    ) { client in
      try await test(try #require(client.port))
    }
  }

  @Test func aGigabyteContentLengthGets413AndTheConnectionCloses() async throws {
    // Long timeouts: the connection must close because of the 413, not a timeout (and a busy
    // machine must not hit one before the answer).
    try await Self.withLiveServer(readTimeout: .seconds(30), idleTimeout: .seconds(30)) { port in
      let connection = try RawConnection(port: port)
      let start = ContinuousClock.now
      connection.send(
        "POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1073741824\r\n\r\n" + String(repeating: "x", count: 2_000))
      let answer = try #require(connection.readUntilClosed(), "the server kept the connection")
      #expect(ContinuousClock.now - start < .seconds(15))
      #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer)")
      #expect(answer.lowercased().contains("connection: close"))
    }
  }

  @Test func aBodyThatNeverComesIsClosedByTheReadTimeout() async throws {
    try await Self.withLiveServer { port in
      let connection = try RawConnection(port: port)
      let start = ContinuousClock.now
      connection.send(
        "POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"text\":")
      #expect(connection.readUntilClosed() != nil, "closed by the server")
      #expect(ContinuousClock.now - start < .seconds(10))
    }
  }

  /// `POST /tag` is answered in the channel pipeline, after Hummingbird's connection state
  /// handler: a connection busy with nothing but `/tag` requests is active, not idle.
  @Test func aConnectionThatKeepsTaggingOutlivesTheIdleTimeout() async throws {
    try await Self.withLiveServer(readTimeout: .seconds(5), idleTimeout: .milliseconds(600)) {
      port in
      let connection = try RawConnection(port: port)
      var pending: [UInt8] = []
      let body = #"{"sentences": [["The", "dog"]]}"#
      let start = ContinuousClock.now
      var answered = 0
      while ContinuousClock.now - start < .milliseconds(1_800) {
        connection.send(
          "POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        let answer = try #require(
          Self.readResponse(connection, pending: &pending),
          "closed after \(answered) answers, \(ContinuousClock.now - start) in")
        #expect(answer.status == 200)
        answered += 1
        try await Task.sleep(for: .milliseconds(150))
      }
      #expect(answered >= 8)
    }
  }

  @Test func headersThatNeverEndAreClosedByTheIdleTimeout() async throws {
    try await Self.withLiveServer { port in
      let connection = try RawConnection(port: port)
      let start = ContinuousClock.now
      connection.send("POST /tag HTTP/1.1\r\nHost: x\r\nX-Slow: a")
      #expect(connection.readUntilClosed() != nil, "closed by the server")
      #expect(ContinuousClock.now - start < .seconds(10))
      let other = try RawConnection(port: port)
      other.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
      #expect(other.readUntilClosed()?.hasPrefix("HTTP/1.1 200") == true)
    }
  }
}
