import Prometheus
import Synchronization

/// The service's Prometheus metrics, served as text at `GET /metrics`.
///
/// Requests by route and status, request latency by route, tokens and sentences tagged, batch
/// sizes (requests and sentences per batch), batch tagging time and queue rejections, per model.
/// Each server has its own registry (no global metrics system), so tests can run side by side.
final class ServerMetrics: Sendable {
  private let registry = PrometheusCollectorRegistry()
  /// `POST /tag` requests answered inside the channel pipeline (`TagFastPathHandler`); not
  /// exported, for tests to see which path answered.
  let tagAnswersOnEventLoops = Atomic<Int>(0)
  private static let latencyBuckets: [Duration] = [
    .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
    .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250),
    .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
  ]
  private static let sizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]

  /// The routes metrics are kept for; any other path counts as `other`.
  static let routes: Set<String> = ["/", "/tag", "/models", "/health", "/metrics"]

  /// The counter and latency histogram of `POST /tag` answered with 200, the request of every
  /// load, looked up once instead of by name and labels at every request.
  private let taggedRequests: (count: Counter, duration: DurationHistogram)

  init() {
    taggedRequests = (
      Self.requestCounter(in: registry, route: "/tag", status: 200),
      Self.requestDurations(in: registry, route: "/tag")
    )
  }

  /// Counts a finished request and its latency.
  func recordRequest(path: String, status: Int, duration: Duration) {
    if path == "/tag" && status == 200 {
      taggedRequests.count.increment()
      taggedRequests.duration.record(duration)
      return
    }
    let route = Self.routes.contains(path) ? path : "other"
    Self.requestCounter(in: registry, route: route, status: status).increment()
    Self.requestDurations(in: registry, route: route).record(duration)
  }

  private static func requestCounter(
    in registry: PrometheusCollectorRegistry, route: String, status: Int
  ) -> Counter {
    registry.makeCounter(
      descriptor: name("http_requests", unit: "total", help: "HTTP requests answered."),
      labels: [("route", route), ("status", String(status))])
  }

  private static func requestDurations(in registry: PrometheusCollectorRegistry, route: String)
    -> DurationHistogram
  {
    registry.makeDurationHistogram(
      descriptor: name(
        "http_request_duration", unit: "seconds", help: "Time from request to response."),
      labels: [("route", route)], buckets: latencyBuckets)
  }

  /// Records one tagged batch of `model`.
  func recordBatch(_ report: BatchReport, model: String) {
    let labels = [("model", model)]
    registry.makeCounter(
      descriptor: Self.name("tokens_tagged", unit: "total", help: "Tokens tagged."),
      labels: labels
    ).increment(by: Int64(report.tokenCount))
    registry.makeCounter(
      descriptor: Self.name("sentences_tagged", unit: "total", help: "Sentences tagged."),
      labels: labels
    ).increment(by: Int64(report.sentenceCount))
    registry.makeValueHistogram(
      descriptor: Self.name("batch_requests", unit: "", help: "Requests tagged in one batch."),
      labels: labels, buckets: Self.sizeBuckets
    ).record(Double(report.requestCount))
    registry.makeValueHistogram(
      descriptor: Self.name("batch_sentences", unit: "", help: "Sentences tagged in one batch."),
      labels: labels, buckets: Self.sizeBuckets
    ).record(Double(report.sentenceCount))
    registry.makeDurationHistogram(
      descriptor: Self.name("batch_duration", unit: "seconds", help: "Time to tag one batch."),
      labels: labels, buckets: Self.latencyBuckets
    ).record(report.duration)
  }

  /// Counts a request turned away with `503` because the queue of `model` was full.
  func recordRejection(model: String) {
    registry.makeCounter(
      descriptor: Self.name(
        "queue_rejections", unit: "total", help: "Requests refused with 503: queue full."),
      labels: [("model", model)]
    ).increment()
  }

  /// All metrics in the Prometheus text format.
  func exposition() -> String {
    registry.emitToString()
  }

  private static func name(_ metric: String, unit: String, help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(namespace: "tagger", metricName: metric, unitName: unit, helpText: help)
  }
}
