import Corpora
import Tagger

/// A `POST /tag` request parsed and checked against the limits, ready for the batcher.
struct PreparedTagRequest: Sendable {
  /// The model that tags it.
  let served: ServedModel
  /// The body's sentences.
  let input: TagInput
  /// What the model reads of each sentence: its words (`input.words`), and the input columns
  /// of a model that reads them (from a CoNLL-U body).
  let inputs: [TaggerInput]
  /// The query's options.
  let options: TagOptions
  /// The answer's format (the query's, or the body's kind).
  let format: TagResponseFormat

  /// The alternatives the batcher computes per word (at least the chosen tag).
  var topK: Int { max(options.topK, 1) }
}

/// What `POST /tag` answers, whichever path (router or `TagFastPathHandler`) served it.
struct TagAnswer: Sendable {
  /// The HTTP status code.
  var status: Int
  /// The body.
  var text: String
  /// Its `Content-Type`.
  var contentType: String
  /// `Retry-After` seconds (a `503` when the queue is full), nil otherwise.
  var retryAfter: String? = nil

  init(status: Int, text: String, contentType: String) {
    self.status = status
    self.text = text
    self.contentType = contentType
  }

  /// `{"error": "…"}` with the error's status.
  init(_ error: RequestError) {
    self.init(
      status: error.status, text: "{\"error\":" + JSONLinesWriter.quoted(error.message) + "}\n",
      contentType: "application/json")
  }
}
