import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A TCP socket listening on 127.0.0.1 at a free port, to prove that nothing connects to it.
final class LoopbackListener {
  private let socketDescriptor: Int32
  let port: UInt16

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(descriptor >= 0, "socket() failed")
    socketDescriptor = descriptor
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
      }
    }
    try #require(bound && listen(descriptor, 4) == 0, "bind/listen failed")
    port = UInt16(bigEndian: address.sin_port)
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
  }

  deinit {
    close(socketDescriptor)
  }

  /// Whether a client has connected since the listener opened.
  func hasPendingConnection() -> Bool {
    let client = accept(socketDescriptor, nil, nil)
    if client >= 0 {
      close(client)
      return true
    }
    return false
  }
}

@Suite struct XMLTestSupportTests {
  @Test func loopbackListenerSeesAConnection() throws {
    let listener = try LoopbackListener()
    #expect(!listener.hasPendingConnection())
    let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(client) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = listener.port.bigEndian
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
    #expect(connected)
    usleep(50_000)
    #expect(listener.hasPendingConnection(), "the listener must be able to notice a fetch")
  }
}
