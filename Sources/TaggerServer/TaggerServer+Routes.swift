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
      Self.response(await tagAnswer(request))
    }
    for method: HTTPRequest.Method in [.get, .put, .delete, .patch] {
      router.on("/tag", method: method) { request, _ in
        var response = Self.response(
          TagAnswer(
            RequestError(
              status: 405,
              message: "\(request.method) /tag: tagging takes POST with a JSON, text/plain or "
                + "text/x-conllu body")))
        response.headers[.allow] = "POST"
        return response
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

  /// `POST /tag` through the router: parse, check the limits, queue for the batcher, write the
  /// answer. `TagFastPathHandler` answers the same requests with the same steps inside the
  /// channel pipeline.
  private func tagAnswer(_ request: Request) async -> TagAnswer {
    do {
      let query = request.uri.queryParameters.map {
        (name: String($0.key), value: String($0.value))
      }
      let (options, served) = try tagTarget(query: query)
      try checkDeclaredLength(request.headers[.contentLength])
      let body = try await collectBody(request)
      let prepared = try prepareTag(
        options: options, served: served, contentType: request.headers[.contentType], body: body)
      let result: Result<[SentencePrediction], BatcherError>
      do {
        result = .success(try await served.batcher.tag(prepared.inputs, topK: prepared.topK))
      } catch let error as BatcherError {
        result = .failure(error)
      }
      return tagAnswer(for: prepared, result: result)
    } catch let error as RequestError {
      return TagAnswer(error)
    } catch {
      return TagAnswer(RequestError(status: 500, message: "\(error)"))
    }
  }

  /// The options of a `POST /tag` and the model they name.
  ///
  /// - Throws: a `400` naming a bad parameter, a `404` for an unknown model.
  func tagTarget(query: [(name: String, value: String)]) throws(RequestError)
    -> (TagOptions, ServedModel)
  {
    let options = try TagOptions(query: query)
    return (options, try model(named: options.modelName))
  }

  /// Refuses a body whose declared `Content-Length` is over `maxBodyBytes`, before reading it.
  func checkDeclaredLength(_ contentLength: String?) throws(RequestError) {
    if let declared = contentLength.flatMap({ Int($0) }), declared > configuration.maxBodyBytes {
      throw tooLargeBody
    }
  }

  /// The `413` for a body over `maxBodyBytes`.
  var tooLargeBody: RequestError {
    RequestError(
      status: 413, message: "body: larger than the limit of \(configuration.maxBodyBytes) bytes")
  }

  /// Parses a `POST /tag` body and checks it against the request limits and the options.
  func prepareTag(
    options: TagOptions, served: ServedModel, contentType: String?, body: [UInt8]
  ) throws(RequestError) -> PreparedTagRequest {
    let input = try TagInput.parse(
      body: body, contentType: contentType, tokenizer: EnglishTokenizer())
    let words = input.words
    let tokenCount = words.reduce(0) { $0 + $1.count }
    if max(tokenCount, words.count) > configuration.maxTokensPerRequest {
      throw RequestError(
        status: 413,
        message: "body: \(tokenCount) tokens in \(words.count) sentences; the limit is "
          + "\(configuration.maxTokensPerRequest) per request")
    }
    if served.model.heads.label != nil,
      let longest = words.indices.max(by: { words[$0].count < words[$1].count }),
      words[longest].count > TaggerModel.labelledSentenceWordLimit
    {
      throw RequestError(
        status: 413,
        message: "body: sentence \(longest + 1) has \(words[longest].count) words; a label model"
          + " reads a sentence whole, up to \(TaggerModel.labelledSentenceWordLimit) words")
    }
    let format = options.output ?? (input.isCoNLLU ? .conllu : .json)
    if input.isCoNLLU, format != .json, options.showsProbabilities || options.topK > 0 {
      throw RequestError.badRequest(
        "probs, top: CoNLL-U input gets probabilities only with output=json "
          + "(tagcli tag --input conllu writes tags only)")
    }
    return PreparedTagRequest(
      served: served, input: input, inputs: try inputs(of: input, for: served.model),
      options: options, format: format)
  }

  /// What `model` reads of each sentence of `input`: the words, and for a model that reads
  /// input columns beside them (`--features`), those columns of a CoNLL-U body or of a JSON
  /// body's `columns`.
  ///
  /// - Throws: a `400` when such a model gets words alone, a sentence lacks a column, or JSON
  ///   gives a column the model does not read.
  func inputs(of input: TagInput, for model: TaggerModel) throws(RequestError) -> [TaggerInput] {
    let layers = model.featureLayers
    switch input {
    case .words(let words, let columns) where columns.isEmpty:
      guard layers.isEmpty else {
        throw .badRequest(
          "body: the model reads the input column(s) "
            + layers.map(\.description).joined(separator: ", ")
            + " beside the words; send them as JSON \"columns\" beside \"sentences\", or send"
            + " CoNLL-U (Content-Type: text/x-conllu) that has them")
      }
      return words.map { TaggerInput(words: $0) }
    case .words(let words, let columns):
      let names = columns.keys.sorted()
      let read = layers.map { $0.matchingName(in: names) }
      if let unread = names.first(where: { !read.contains($0) }) {
        throw .badRequest(
          "columns.\(unread): the model does not read this column; it reads "
            + (layers.isEmpty ? "none" : layers.map(\.description).joined(separator: ", ")))
      }
      if let missing = zip(layers, read).first(where: { $0.1 == nil })?.0 {
        throw .badRequest(
          "columns: no column \"\(missing)\" (the model reads it beside the words)")
      }
      let values = read.map { columns[$0!]! }
      return words.indices.map { index in
        TaggerInput(words: words[index], features: values.map { $0[index] })
      }
    case .conllu(let sentences):
      do {
        return try sentences.map { try model.input(for: $0, file: "body") }
      } catch {
        throw .badRequest("\(error)")
      }
    }
  }

  /// The answer to a prepared request once the batcher has tagged it or turned it away.
  func tagAnswer(
    for prepared: PreparedTagRequest, result: Result<[SentencePrediction], BatcherError>
  ) -> TagAnswer {
    switch result {
    case .failure(let error):
      if error == .queueFull { metrics.recordRejection(model: prepared.served.name) }
      var answer = TagAnswer(
        RequestError(
          status: 503,
          message: error == .queueFull
            ? "the tagging queue is full (\(configuration.maxQueuedRequests) requests); retry later"
            : "the server is shutting down"))
      answer.retryAfter = "1"
      return answer
    case .success(let predictions):
      let served = prepared.served
      let heads = served.model.heads
      let writer = TagResponseWriter(
        modelName: served.name, tagLayer: served.model.provenance.tagLayer,
        showsProbabilities: prepared.options.showsProbabilities, topK: prepared.options.topK,
        additionalLayers: Array(heads.outputLayers.dropFirst()), writesTags: heads.tags != nil,
        labelKey: heads.label?.key)
      do {
        let text = try writer.body(
          for: prepared.input, predictions: predictions, format: prepared.format)
        return TagAnswer(status: 200, text: text, contentType: prepared.format.contentType)
      } catch {
        return TagAnswer(error)
      }
    }
  }

  /// The request body, refusing more than `maxBodyBytes`.
  private func collectBody(_ request: Request) async throws -> [UInt8] {
    do {
      let buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
      return Array(buffer.readableBytesView)
    } catch let error as HTTPError where error.status == .contentTooLarge {
      throw tooLargeBody
    }
  }

  static func response(_ answer: TagAnswer) -> Response {
    var response = response(answer.status, answer.text, contentType: answer.contentType)
    if let retryAfter = answer.retryAfter { response.headers[.retryAfter] = retryAfter }
    return response
  }

  static func response(_ status: Int, _ text: String, contentType: String = "application/json")
    -> Response
  {
    Response(
      status: .init(code: status), headers: [.contentType: contentType],
      body: .init(byteBuffer: ByteBuffer(string: text)))
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
