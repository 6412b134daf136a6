import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes
import Tagger

/// Answers `POST /tag` inside the connection's channel pipeline, on its event loop, and passes
/// every other request on to Hummingbird's router.
///
/// The router's path hands each request from the event loop to a task, through the router and
/// the middleware, to the batcher and back, and the answer to the event loop again: at a few
/// thousand one-sentence requests a second those hops cost as much CPU as the tagging. This
/// handler reads the head and body as they arrive, queues the sentences with the batcher, and
/// writes the answer when the batcher's thread hands it back to the event loop. It answers with
/// the same steps as the router (`tagTarget`, `prepareTag`, `tagAnswer`), so the two paths give
/// the same bytes, and records the same metrics.
///
/// It sits after Hummingbird's `HTTPConnectionStateHandler` (see `TagFastPathInstaller`), so the
/// idle timeout, graceful shutdown (a connection closes after the answer in flight) and the
/// request limits before it see its requests like any other. HTTP/1.1 pipelining keeps its
/// order: a request that arrives while an answer is pending waits (and the handler stops
/// reading the socket) until that answer is written, and a `POST /tag` that arrives while the
/// router still owes an answer goes to the router.
final class TagFastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private enum State {
    /// Between requests.
    case idle
    /// The parts of a request the router answers.
    case forwarding
    /// A `POST /tag` body being read.
    case reading(TagRead)
    /// A request already answered (a refused query or body): its remaining parts are dropped.
    case discarding
    /// Waiting for the batcher; the answer is written when it hands the predictions back.
    case tagging(PreparedTagRequest, TagRead)
  }

  /// What the handler keeps of a `POST /tag` while reading and tagging it.
  private struct TagRead {
    let options: TagOptions
    let served: ServedModel
    let contentType: String?
    let closesConnection: Bool
    let start: ContinuousClock.Instant
    var body: [UInt8] = []
  }

  private let server: TaggerServer
  private var state = State.idle
  /// Requests passed to the router whose answer has not been written to its end.
  private var routedRequestsInFlight = 0
  /// Parts that arrived while an answer was pending, in their order.
  private var heldParts: [HTTPRequestPart] = []
  /// Whether a read of the socket was asked for while an answer was pending.
  private var isReadHeld = false
  private var isRemoved = false

  init(server: TaggerServer) {
    self.server = server
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    isRemoved = true
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let part = unwrapInboundIn(data)
    if case .tagging = state {
      heldParts.append(part)
    } else {
      handle(part, context: context)
    }
  }

  func read(context: ChannelHandlerContext) {
    if case .tagging = state {
      isReadHeld = true
    } else {
      context.read()
    }
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data), routedRequestsInFlight > 0 {
      routedRequestsInFlight -= 1
    }
    context.write(data, promise: promise)
  }

  /// Switches on the state alone and clears it before a body grows: a copy of the state (a
  /// tuple of state and part, say) would copy the body at every part and cost a retain and a
  /// release of every field per part.
  private func handle(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
    switch state {
    case .idle:
      guard case .head(let head) = part else { return forwardOutOfOrder(part, context: context) }
      if routedRequestsInFlight == 0, head.method == .post, let path = head.path,
        path == "/tag" || path.hasPrefix("/tag?")
      {
        begin(head, path: path, context: context)
      } else {
        routedRequestsInFlight += 1
        state = .forwarding
        context.fireChannelRead(wrapInboundOut(part))
      }
    case .forwarding:
      if case .end = part { state = .idle }
      context.fireChannelRead(wrapInboundOut(part))
    case .reading(var read):
      switch part {
      case .body(var buffer):
        state = .idle  // the body below is then the only reference to its storage
        if read.body.count + buffer.readableBytes > server.configuration.maxBodyBytes {
          answer(TagAnswer(server.tooLargeBody), for: read, context: context)
          state = .discarding
        } else {
          read.body += buffer.readBytes(length: buffer.readableBytes) ?? []
          state = .reading(read)
        }
      case .end:
        state = .idle
        submit(read, context: context)
      case .head:
        forwardOutOfOrder(part, context: context)
      }
    case .discarding:
      if case .end = part { state = .idle }
    case .tagging:
      forwardOutOfOrder(part, context: context)
    }
  }

  /// A part out of order (the HTTP decoder never sends one): the router's path reports it.
  private func forwardOutOfOrder(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
    state = .forwarding
    context.fireChannelRead(wrapInboundOut(part))
  }

  /// Checks the query and the declared length of a `POST /tag` and starts reading its body.
  private func begin(_ head: HTTPRequest, path: String, context: ChannelHandlerContext) {
    let query =
      path == "/tag"
      ? [] : URI(path).queryParameters.map { (name: String($0.key), value: String($0.value)) }
    let closes = head.headerFields[.connection]?.lowercased() == "close"
    let start = ContinuousClock.now
    do {
      let (options, served) = try server.tagTarget(query: query)
      let read = TagRead(
        options: options, served: served, contentType: head.headerFields[.contentType],
        closesConnection: closes, start: start)
      state = .reading(read)
      try server.checkDeclaredLength(head.headerFields[.contentLength])
      if head.headerFields[.expect]?.lowercased() == "100-continue" {
        // The client waits for this before sending the body (curl: a second, then sends anyway).
        context.writeAndFlush(
          wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
      }
    } catch {
      answer(TagAnswer(error), closing: closes, since: start, context: context)
      state = .discarding
    }
  }

  /// Parses the body and queues its sentences with the batcher; the answer follows on this
  /// event loop.
  private func submit(_ read: TagRead, context: ChannelHandlerContext) {
    let prepared: PreparedTagRequest
    do {
      prepared = try server.prepareTag(
        options: read.options, served: read.served, contentType: read.contentType,
        body: read.body)
    } catch {
      state = .idle
      answer(TagAnswer(error), for: read, context: context)
      return
    }
    state = .tagging(prepared, read)
    let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
    let eventLoop = context.eventLoop
    prepared.served.batcher.submit(prepared.inputs, topK: prepared.topK) { result in
      eventLoop.execute {
        let (handler, context) = loopBound.value
        handler.finish(result, context: context)
      }
    }
  }

  /// Writes the answer of the request being tagged, then goes on with what arrived meanwhile.
  private func finish(
    _ result: Result<[SentencePrediction], BatcherError>, context: ChannelHandlerContext
  ) {
    guard case .tagging(let prepared, let read) = state else { return }
    state = .idle
    guard !isRemoved else { return }
    answer(server.tagAnswer(for: prepared, result: result), for: read, context: context)
    if !heldParts.isEmpty {
      while !heldParts.isEmpty, !isTagging {
        handle(heldParts.removeFirst(), context: context)
      }
      // Hummingbird's reader takes parts when a read completes: close the replayed "read".
      context.fireChannelReadComplete()
    }
    if isReadHeld, !isTagging {
      isReadHeld = false
      context.read()
    }
  }

  private var isTagging: Bool {
    if case .tagging = state { return true }
    return false
  }

  private func answer(_ answer: TagAnswer, for read: TagRead, context: ChannelHandlerContext) {
    self.answer(answer, closing: read.closesConnection, since: read.start, context: context)
  }

  /// Writes `answer` as a whole response, records it with the time since `start`, and closes
  /// the connection when the client asked for that (`closing`).
  private func answer(
    _ answer: TagAnswer, closing: Bool, since start: ContinuousClock.Instant,
    context: ChannelHandlerContext
  ) {
    var headers: HTTPFields = [
      .contentType: answer.contentType,
      .contentLength: String(answer.text.utf8.count),
      .date: HTTPDateHeader.now(),
      .server: TaggerServer.serverName,
    ]
    if let retryAfter = answer.retryAfter { headers[.retryAfter] = retryAfter }
    if closing { headers[.connection] = "close" }
    let head = HTTPResponse(status: .init(code: answer.status), headerFields: headers)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    context.write(
      wrapOutboundOut(.body(context.channel.allocator.buffer(string: answer.text))), promise: nil)
    if closing {
      let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
      context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
        loopBound.value.close(promise: nil)
      }
    } else {
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
    server.metrics.recordRequest(
      path: "/tag", status: answer.status, duration: .now - start)
    server.metrics.tagAnswersOnEventLoops.add(1, ordering: .relaxed)
  }
}

/// Puts a `TagFastPathHandler` after Hummingbird's `HTTPConnectionStateHandler` when the
/// connection becomes active, then removes itself. (Hummingbird adds its own handlers after
/// the ones a configuration supplies, so this one cannot be placed there directly.) Should the
/// state handler be missing, the connection keeps the router's path only.
final class TagFastPathInstaller: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = Any

  private let server: TaggerServer

  init(server: TaggerServer) {
    self.server = server
  }

  func channelActive(context: ChannelHandlerContext) {
    let operations = context.pipeline.syncOperations
    if let stateHandler = try? operations.handler(type: HTTPConnectionStateHandler.self) {
      try? operations.addHandler(TagFastPathHandler(server: server), position: .after(stateHandler))
    }
    context.fireChannelActive()
    operations.removeHandler(context: context, promise: nil)
  }
}

/// The `Date` header's value, formatted once per second.
enum HTTPDateHeader {
  private static let cache = NIOLockedValueBox<(second: time_t, text: String)>((0, ""))

  /// Now, as an HTTP date (`Wed, 02 Dec 2026 18:00:00 GMT`).
  static func now() -> String {
    let second = time(nil)
    return cache.withLockedValue { cached in
      if cached.second != second {
        var parts = tm()
        var copy = second
        gmtime_r(&copy, &parts)
        var buffer = [CChar](repeating: 0, count: 40)
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        cached = (
          second, String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        )
      }
      return cached.text
    }
  }
}
