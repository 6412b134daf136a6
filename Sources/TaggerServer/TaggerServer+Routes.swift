import Corpora
import Foundation
import HTTPTypes
import Hummingbird
import Tagger

extension TaggerServer {
  /// The routes, behind a middleware that records each request's status and latency.
  func makeRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.get("/") { _, _ in
      Self.response(200, WebPage.html, contentType: "text/html; charset=utf-8")
    }
    router.get("/health") { _, _ in
      let queued = models.reduce(0) { $0 + $1.batcher.queuedRequestCount }
      return Self.response(
        200, "{\"status\":\"ok\",\"models\":\(models.count),\"queued\":\(queued)}\n")
    }
    router.get("/models") { _, _ in
      Self.response(200, modelsJSON())
    }
    router.get("/metrics") { _, _ in
      Self.response(200, metrics.exposition(), contentType: "text/plain; version=0.0.4")
    }
    router.post("/tag") { request, _ in
      do {
        return try await tag(request)
      } catch let error as RequestError {
        return Self.errorResponse(error)
      }
    }
    return router
  }

  /// `GET /models`: the default model's name and each model's summary.
  func modelsJSON() -> String {
    let object: [String: Any] = ["default": models[0].name, "models": models.map(\.summary)]
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// `POST /tag`: parse, check the limits, queue for the batcher, write the answer.
  private func tag(_ request: Request) async throws -> Response {
    let query = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
    let options = try TagOptions(query: query)
    let served = try model(named: options.modelName)
    let body = try await collectBody(request)
    let input = try TagInput.parse(
      body: body, contentType: request.headers[.contentType], tokenizer: EnglishTokenizer())
    let words = input.words
    let tokenCount = words.reduce(0) { $0 + $1.count }
    if max(tokenCount, words.count) > configuration.maxTokensPerRequest {
      throw RequestError(
        status: 413,
        message: "body: \(tokenCount) tokens in \(words.count) sentences; the limit is "
          + "\(configuration.maxTokensPerRequest) per request")
    }
    let format = options.output ?? (input.isCoNLLU ? .conllu : .json)
    if input.isCoNLLU, format != .json, options.showsProbabilities || options.topK > 0 {
      throw RequestError.badRequest(
        "probs, top: CoNLL-U input gets probabilities only with output=json "
          + "(tagcli tag --input conllu writes tags only)")
    }
    let predictions: [[TagPrediction]]
    do {
      predictions = try await served.batcher.tag(words, topK: max(options.topK, 1))
    } catch let error as BatcherError {
      if error == .queueFull { metrics.recordRejection(model: served.name) }
      return Self.errorResponse(
        RequestError(
          status: 503,
          message: error == .queueFull
            ? "the tagging queue is full (\(configuration.maxQueuedRequests) requests); retry later"
            : "the server is shutting down"),
        headers: [.retryAfter: "1"])
    }
    let writer = TagResponseWriter(
      modelName: served.name, tagLayer: served.model.provenance.tagLayer,
      showsProbabilities: options.showsProbabilities, topK: options.topK,
      additionalLayers: Array(served.model.heads.outputLayers.dropFirst()))
    let text = try writer.body(for: input, predictions: predictions, format: format)
    return Self.response(200, text, contentType: format.contentType)
  }

  /// The request body, refusing more than `maxBodyBytes` before reading when the declared
  /// length says so.
  private func collectBody(_ request: Request) async throws -> [UInt8] {
    let limit = configuration.maxBodyBytes
    let tooLarge = RequestError(
      status: 413, message: "body: larger than the limit of \(limit) bytes")
    if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
      throw tooLarge
    }
    do {
      let buffer = try await request.body.collect(upTo: limit)
      return Array(buffer.readableBytesView)
    } catch let error as HTTPError where error.status == .contentTooLarge {
      throw tooLarge
    }
  }

  static func response(_ status: Int, _ text: String, contentType: String = "application/json")
    -> Response
  {
    Response(
      status: .init(code: status), headers: [.contentType: contentType],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  /// `{"error": "…"}` with the error's status.
  static func errorResponse(_ error: RequestError, headers: HTTPFields = [:]) -> Response {
    var response = response(
      error.status, "{\"error\":" + JSONLinesWriter.quoted(error.message) + "}\n")
    response.headers.append(contentsOf: headers)
    return response
  }
}

extension TagInput {
  /// Whether the body was CoNLL-U.
  var isCoNLLU: Bool {
    if case .conllu = self { return true }
    return false
  }
}

extension TagResponseFormat {
  /// The `Content-Type` of an answer in this format.
  var contentType: String {
    switch self {
    case .json: "application/json"
    case .conllu: "text/x-conllu; charset=utf-8"
    case .wordtag: "text/plain; charset=utf-8"
    }
  }
}

/// Counts every answered request by route and status, and records its latency.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
  let metrics: ServerMetrics

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      metrics.recordRequest(
        path: request.uri.path, status: response.status.code, duration: .now - start)
      return response
    } catch {
      let status = (error as? any HTTPResponseError)?.status.code ?? 500
      metrics.recordRequest(path: request.uri.path, status: status, duration: .now - start)
      throw error
    }
  }
}
