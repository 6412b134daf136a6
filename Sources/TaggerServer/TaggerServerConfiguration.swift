/// Everything `tagcli serve` decides about the service: where it listens, what it serves and
/// the limits that keep it responsive under load.
public struct TaggerServerConfiguration: Sendable {
  /// One model to serve: the name clients use in `?model=` and the file to load.
  public struct ModelSource: Sendable, Equatable {
    /// The name clients use (`en_ewt-upos` for `models/en_ewt-upos.tagger`).
    public var name: String
    /// The model file.
    public var path: String

    /// Creates a model source.
    public init(name: String, path: String) {
      self.name = name
      self.path = path
    }
  }

  /// The address to bind: `127.0.0.1` (the default) serves this machine only.
  public var host = "127.0.0.1"
  /// The TCP port; 0 lets the system pick one (the server reports it when running).
  public var port = 8080
  /// The models, in the order `/models` lists them; the first is the default.
  public var models: [ModelSource] = []
  /// How long the batcher waits, after the first request of a batch arrives, for more requests
  /// to tag with it. Requests that arrive while a batch is being tagged wait no longer.
  public var batchWindow: Duration = .milliseconds(2)
  /// The most tokens tagged in one batch (requests beyond wait for the next batch).
  public var maxBatchTokens = 4_096
  /// Sentences run through the network together inside a batch (length-sorted groups).
  public var sentencesPerNetworkBatch = 64
  /// Threads that tag one batch. With more than one, a batch's sentences are cut into that many
  /// length-sorted groups tagged at once, each on one thread; with one, the batcher thread tags
  /// the batch, running the two directions of each layer on two threads. The answers are the
  /// same either way.
  public var taggingThreads = 1
  /// Batcher worker threads per model, each tagging its own batches at the same time as the
  /// others, one thread each (as `tagcli tag` runs its batches), with `taggingThreads` 1. With
  /// one, that batcher tags as `taggingThreads` says. The answers are the same either way.
  public var batchers = 1
  /// Whether `POST /tag` is answered inside the channel pipeline, on the connection's event
  /// loop (`TagFastPathHandler`), rather than through the router. Same answers either way; the
  /// pipeline path spends less CPU per request. Off only to compare the two.
  public var answersTagOnEventLoops = true
  /// The largest request body accepted, in bytes (`413` beyond).
  public var maxBodyBytes = 1 << 20
  /// The most tokens (and sentences) one request may carry (`413` beyond).
  public var maxTokensPerRequest = 4_096
  /// The most requests waiting for the tagger per model (`503` with `Retry-After` beyond).
  public var maxQueuedRequests = 1_024
  /// A request's head and body must arrive within this time, or the connection is closed.
  public var readTimeout: Duration = .seconds(10)
  /// A connection with no request for this long is closed.
  public var idleTimeout: Duration = .seconds(30)
  /// The most open connections; more wait in the listen backlog.
  public var maxConnections = 16_384

  /// A configuration with the defaults above.
  public init() {}
}

extension TaggerServerConfiguration.ModelSource {
  /// Parses `NAME=PATH`, or `PATH` named after its file stem (`dir/en_ewt-upos.tagger` →
  /// `en_ewt-upos`).
  public init(parsing argument: String) {
    if let equals = argument.firstIndex(of: "="), equals != argument.startIndex,
      !argument[..<equals].contains("/")
    {
      self.init(
        name: String(argument[..<equals]), path: String(argument[argument.index(after: equals)...]))
    } else {
      let file = argument.split(separator: "/").last.map(String.init) ?? argument
      let stem = file.hasSuffix(".tagger") ? String(file.dropLast(".tagger".count)) : file
      self.init(name: stem, path: argument)
    }
  }
}
