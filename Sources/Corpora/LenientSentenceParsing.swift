/// What the line-based readers share for lenient reading (`--skip-malformed`).
///
/// A reader parses one sentence at a time. In lenient mode a sentence that breaks its format is
/// recorded in `skippedErrors`, the rest of it is skipped, and reading goes on with the next
/// sentence; errors of kind `.io` always stop reading.
protocol LenientSentenceParsing {
  /// Whether malformed sentences are skipped (and recorded) rather than thrown.
  var skipsMalformed: Bool { get }
  /// The errors of the sentences skipped so far, in input order.
  var skippedErrors: [CorpusError] { get set }

  /// The next sentence, or nil at the end of the input.
  ///
  /// - Throws: `CorpusError` when the input breaks its format.
  mutating func parseSentence() throws -> Sentence?

  /// Moves past what is left of the sentence in which `error` was found.
  ///
  /// - Throws: `CorpusError` of kind `.io` when reading fails.
  mutating func skipRest(after error: CorpusError) throws
}

extension LenientSentenceParsing {
  /// The next sentence; in lenient mode malformed sentences are skipped and recorded.
  ///
  /// - Throws: `CorpusError`: any error in strict mode, `.io` errors in lenient mode.
  mutating func nextSkippingMalformed() throws -> Sentence? {
    while true {
      do {
        return try parseSentence()
      } catch let error as CorpusError where skipsMalformed && error.isContentError {
        skippedErrors.append(error)
        try skipRest(after: error)
      }
    }
  }
}
