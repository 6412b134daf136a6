import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Connection-level limits that Hummingbird's idle timeout does not cover.
///
/// - A request's body must arrive within `readTimeout` of its head, or the connection is
///   closed: a client that trickles a body, or declares a large `Content-Length` and never
///   sends it, cannot hold a connection. (Slow headers produce no request part at all, so the
///   idle timeout closes those.)
/// - After a `413` the connection is closed (`Connection: close`), so a body announced as a
///   gigabyte is never read to its end: the server's side at once, the rest after two seconds.
final class RequestLimitsHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let readTimeout: TimeAmount
  private static let lingeringTime = TimeAmount.seconds(2)
  private var readDeadline: Scheduled<Void>?
  private var closesAfterResponse = false

  /// Creates the handler for one connection.
  init(readTimeout: Duration) {
    self.readTimeout = .nanoseconds(readTimeout.nanosecondsCount)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head:
      readDeadline?.cancel()
      let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
      readDeadline = context.eventLoop.scheduleTask(in: readTimeout) {
        loopBound.value.close(promise: nil)
      }
    case .body:
      break
    case .end:
      readDeadline?.cancel()
      readDeadline = nil
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    switch unwrapOutboundIn(data) {
    case .head(var head) where head.status == .contentTooLarge:
      // Answered before the body was read: the close below ends it, not the read timeout.
      readDeadline?.cancel()
      readDeadline = nil
      closesAfterResponse = true
      head.headerFields[.connection] = "close"
      context.write(wrapOutboundOut(.head(head)), promise: promise)
    case .end where closesAfterResponse:
      // Lingering close: end our side at once, but keep reading (and dropping) what the client
      // still sends for a moment, so that closing with unread data (which resets the connection)
      // cannot destroy the answer before the client has read it.
      context.writeAndFlush(data, promise: promise)
      context.close(mode: .output, promise: nil)
      let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
      context.eventLoop.scheduleTask(in: Self.lingeringTime) { loopBound.value.close(promise: nil) }
    default:
      context.write(data, promise: promise)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    readDeadline?.cancel()
    readDeadline = nil
    context.fireChannelInactive()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    readDeadline?.cancel()
    readDeadline = nil
  }
}
