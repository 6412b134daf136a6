import Corpora
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Tagger

/// The HTTP tagging service of `tagcli serve`: Hummingbird over SwiftNIO.
///
/// Routes: `GET /` (the web page), `GET /models`, `POST /tag`, `GET /health`, `GET /metrics`.
/// Tagging happens on one batcher thread per model, never on the event loops. `run()` answers
/// SIGTERM and SIGINT by finishing the requests in flight and then returning.
public struct TaggerServer: Sendable {
  /// The `Server` header of every answer.
  static let serverName = "tagcli"
  /// The configuration the server was made with.
  public let configuration: TaggerServerConfiguration
  let models: [ServedModel]
  let metrics = ServerMetrics()
  let logger: Logger

  /// Loads the models and starts their batchers.
  ///
  /// - Throws: `ModelFileError` naming the file when a model cannot be loaded.
  public init(configuration: TaggerServerConfiguration, logger: Logger? = nil) throws {
    try self.init(
      configuration: configuration, logger: logger, loadModel: ModelFile.loadForInference(from:))
  }

  /// Starts a server on models that `loadModel` reads (tests share one loaded model).
  init(
    configuration: TaggerServerConfiguration, logger: Logger? = nil,
    loadModel: (String) throws -> TaggerModel
  ) throws {
    precondition(!configuration.models.isEmpty, "TaggerServer: no model to serve")
    self.configuration = configuration
    self.logger = logger ?? Logger(label: "tagcli.serve")
    let metrics = self.metrics
    models = try configuration.models.map { source in
      let model = try loadModel(source.path)
      let perBatch = configuration.sentencesPerNetworkBatch
      let threads = configuration.taggingThreads
      let workers = configuration.batchers
      // Several batchers tag at once, each on its own thread; one that tags while the others
      // wait uses the second thread for the backward directions, as a lone batcher does.
      let oneThread = model.singleThreaded
      let directionPairs: TaggingBatcher.Tagging = { sentences, topK in
        Self.predict(sentences, with: model, topK: topK, sentencesPerBatch: perBatch, threads: 1)
      }
      let batcher = TaggingBatcher(
        window: configuration.batchWindow, maxBatchTokens: configuration.maxBatchTokens,
        maxQueuedRequests: configuration.maxQueuedRequests, workers: workers,
        tagging: { sentences, topK in
          workers > 1
            ? Self.predict(
              sentences, with: oneThread, topK: topK, sentencesPerBatch: perBatch, threads: 1)
            : Self.predict(
              sentences, with: model, topK: topK, sentencesPerBatch: perBatch, threads: threads)
        },
        taggingAlone: workers == 1 ? nil : directionPairs,
        onBatch: { metrics.recordBatch($0, model: source.name) })
      return ServedModel(name: source.name, path: source.path, model: model, batcher: batcher)
    }
  }

  /// What every head of `model` predicts for one batch of requests' sentences. A model with a
  /// label head runs its heads together on the calling thread, at the model's temperature, as
  /// `tagcli tag` does; a tagger goes through `tag`.
  static func predict(
    _ sentences: [TaggerInput], with model: TaggerModel, topK: Int, sentencesPerBatch: Int,
    threads: Int
  ) -> [SentencePrediction] {
    if model.heads.label != nil {
      return model.predictSentencesInBatches(
        sentences, topK: topK, temperature: model.defaultDecoding.temperature,
        sentencesPerBatch: sentencesPerBatch)
    }
    return tag(
      sentences, with: model, topK: topK, sentencesPerBatch: sentencesPerBatch, threads: threads
    ).map { SentencePrediction(tags: $0, label: nil) }
  }

  /// The predictions for one batch of requests' sentences: on the calling thread in groups of
  /// `sentencesPerBatch`, or cut into `threads` groups tagged at once (`predictInWindows`, whose
  /// predictions equal the one-thread ones).
  static func tag(
    _ sentences: [TaggerInput], with model: TaggerModel, topK: Int, sentencesPerBatch: Int,
    threads: Int
  ) -> [[TagPrediction]] {
    guard threads > 1, sentences.count > 1 else {
      return model.predictInBatches(
        sentences, decoding: model.defaultDecoding, topK: topK,
        sentencesPerBatch: sentencesPerBatch)
    }
    let perThread = (sentences.count + threads - 1) / threads
    let longest = sentences.map(\.words.count).max() ?? 1
    return model.predictInWindows(
      sentences, maxLength: max(longest, 1), topK: topK,
      sentencesPerBatch: min(perThread, sentencesPerBatch), tokensPerBatch: .max / 2,
      threads: threads)
  }

  /// Serves until SIGTERM or SIGINT, then drains the requests in flight and returns.
  ///
  /// - Parameter onRunning: called with the bound host and port once the server listens.
  /// - Throws: when the address cannot be bound.
  public func run(onRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
    async throws
  {
    try await makeApplication(onRunning: onRunning).runService()
  }

  /// The Hummingbird application: router, HTTP/1.1 channel with the limits, and the batchers
  /// as services that stop after the server has drained.
  func makeApplication(onRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
    -> some ApplicationProtocol
  {
    let readTimeout = configuration.readTimeout
    let fastPath = configuration.answersTagOnEventLoops ? self : nil
    return Application(
      router: makeRouter(),
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [RequestLimitsHandler(readTimeout: readTimeout)]
            + (fastPath.map { [TagFastPathInstaller(server: $0)] } ?? []),
          idleTimeout: .nanoseconds(configuration.idleTimeout.nanosecondsCount))),
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port),
        serverName: Self.serverName,
        backlog: 4_096,  // a burst of connections waits in the kernel instead of being dropped
        availableConnectionsDelegate: MaximumAvailableConnections(
          Self.connectionLimit(configuration.maxConnections))),
      services: models.map { BatcherService(batcher: $0.batcher) },
      onServerRunning: { channel in
        let address = channel.localAddress
        await onRunning(address?.ipAddress ?? configuration.host, address?.port ?? 0)
      },
      logger: logger)
  }

  /// `requested`, lowered to leave file descriptors free when the process may open fewer.
  static func connectionLimit(_ requested: Int) -> Int {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return requested }
    return max(1, min(requested, Int(clamping: limit.rlim_cur) - 64))
  }

  /// The model named `name`, or the first one when nil.
  ///
  /// - Throws: a `404` listing the names when there is no such model.
  func model(named name: String?) throws(RequestError) -> ServedModel {
    guard let name else { return models[0] }
    guard let found = models.first(where: { $0.name == name }) else {
      throw RequestError(
        status: 404,
        message: "model: no model named \"\(name)\"; this server has "
          + models.map { "\"\($0.name)\"" }.joined(separator: ", "))
    }
    return found
  }
}

/// Runs a batcher for the lifetime of the server: it stops (after answering what is queued)
/// when graceful shutdown begins, which is after the HTTP server has drained.
struct BatcherService: Service {
  let batcher: TaggingBatcher

  func run() async throws {
    try? await gracefulShutdown()
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      Thread.detachNewThread {
        batcher.stop()
        continuation.resume()
      }
    }
  }
}
