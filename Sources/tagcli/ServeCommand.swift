import ArgumentParser
import Foundation
import TaggerServer

/// `tagcli serve`: an HTTP tagging service (see `TaggerServer`).
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve models over HTTP: POST /tag, GET /models, /health, /metrics and a web page.",
    discussion: """
      Binds to 127.0.0.1 (this machine only) unless --host says otherwise; --host 0.0.0.0 \
      serves every network the machine is on, with no authentication or TLS. SIGTERM or \
      Ctrl-C finishes the requests in flight, then exits.
      """)

  @Option(
    name: [.short, .customLong("model")],
    help: ArgumentHelp(
      "A model to serve, as PATH (named after its file stem) or NAME=PATH; repeat for several. The first is the default (default: the shipped model).",
      valueName: "model"))
  var models: [String] = []

  @Option(help: "Address to bind (0.0.0.0 exposes the service to the network).")
  var host = "127.0.0.1"

  @Option(help: "TCP port (0 picks a free one).")
  var port = 8080

  @Option(
    help:
      "Threads that tag one batch of requests (1: the batcher thread, with each layer's two directions on two threads)."
  )
  var threads = 1

  @Option(
    help:
      "Batchers per model, each tagging its own batches on one thread at the same time as the others (default: one per core; 1 with --threads above 1)."
  )
  var batchers: Int?

  /// `--batchers`, or its default: one per core (as `tag --threads`), but a single batcher when
  /// `--threads` asks for several threads per batch.
  var batcherCount: Int {
    batchers ?? (threads > 1 ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount))
  }

  @Option(help: "Milliseconds the batcher waits for more requests to tag together.")
  var batchWindowMs = 2.0

  @Option(help: "Requests that may wait for the tagger per model; more get 503.")
  var maxQueue = 1_024

  @Option(help: "Largest request body in bytes; larger gets 413.")
  var maxBodyBytes = 1 << 20

  @Option(help: "Most tokens (and sentences) in one request; more gets 413.")
  var maxTokens = 4_096

  @Option(help: "Seconds a request's body may take to arrive after its head.")
  var readTimeout = 10.0

  @Option(help: "Seconds an idle connection (or one sending headers) is kept open.")
  var idleTimeout = 30.0

  @Option(help: "Most open connections.")
  var maxConnections = 16_384

  @Flag(
    help: .hidden)  // answers POST /tag through the router, as before the pipeline path: for comparisons
  var tagThroughRouter = false

  func validate() throws {
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    guard (0...1_000).contains(batchWindowMs) else {
      throw ValidationError("--batch-window-ms must be 0 to 1000")
    }
    for (name, value) in [
      ("--max-queue", maxQueue), ("--max-body-bytes", maxBodyBytes), ("--max-tokens", maxTokens),
      ("--max-connections", maxConnections), ("--threads", threads),
      ("--batchers", batcherCount),
    ] where value < 1 {
      throw ValidationError("\(name) must be at least 1")
    }
    // Each batcher is a thread: a typo of a few zeros must not start a million.
    if batcherCount > 256 { throw ValidationError("--batchers must be 1 to 256") }
    if batcherCount > 1 && threads > 1 {
      throw ValidationError(
        "--threads \(threads) cuts one batcher's batches over threads, and --batchers "
          + "\(batcherCount) runs batchers of one thread each: give one of them")
    }
    // A day at most: an infinite or huge value overflowed the timer's nanoseconds (a crash).
    for (name, value) in [("--read-timeout", readTimeout), ("--idle-timeout", idleTimeout)]
    where !(0.001...86_400).contains(value) {
      throw ValidationError("\(name) must be seconds from 0.001 to 86400 (a day); got \(value)")
    }
    let names = try modelSources().map(\.name)
    if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw ValidationError("two models are named \"\(repeated)\"; name them with NAME=PATH")
    }
  }

  /// Synchronous like every command: an async root command would start the concurrency runtime
  /// first, whose descriptors can take a closed standard input's number (see `tag <&-`).
  func run() throws {
    var configuration = TaggerServerConfiguration()
    configuration.host = host
    configuration.port = port
    configuration.models = try modelSources()
    configuration.batchWindow = .microseconds(Int64(batchWindowMs * 1_000))
    configuration.maxQueuedRequests = maxQueue
    configuration.maxBodyBytes = maxBodyBytes
    configuration.maxTokensPerRequest = maxTokens
    configuration.readTimeout = .milliseconds(Int64(readTimeout * 1_000))
    configuration.idleTimeout = .milliseconds(Int64(idleTimeout * 1_000))
    configuration.maxConnections = maxConnections
    configuration.taggingThreads = threads
    configuration.batchers = batcherCount
    configuration.answersTagOnEventLoops = !tagThroughRouter
    let server = try TaggerServer(configuration: configuration)
    let names = configuration.models.map(\.name).joined(separator: ", ")
    try waitFor {
      try await server.run { host, port in
        let line = "serving \(names) on http://\(host):\(port)/ (Ctrl-C or SIGTERM to stop)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
      }
    }
  }

  /// Runs `operation` on the concurrency runtime and waits for it to finish.
  private func waitFor(_ operation: @escaping @Sendable () async throws -> Void) throws {
    final class Outcome: @unchecked Sendable {  // written once by the task, read after the wait
      var error: (any Error)?
      let done = DispatchSemaphore(value: 0)
    }
    let outcome = Outcome()
    Task.detached {
      do { try await operation() } catch { outcome.error = error }
      outcome.done.signal()
    }
    outcome.done.wait()
    if let error = outcome.error { throw error }
  }

  /// The models from `-m`, or the shipped default.
  private func modelSources() throws -> [TaggerServerConfiguration.ModelSource] {
    if models.isEmpty {
      return [.init(parsing: try ModelOptions.parse([]).resolvedPath())]
    }
    return models.map(TaggerServerConfiguration.ModelSource.init(parsing:))
  }
}
