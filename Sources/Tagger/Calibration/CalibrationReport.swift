/// How well a model's probabilities match its accuracy on some data, before and after temperature
/// scaling.
///
/// Encodes as the `calibration` object of `tagcli eval --json`: `temperature`, `nll_before`,
/// `nll_after`, `ece_before`, `ece_after` (percent) and `source`.
public struct CalibrationReport: Sendable, Equatable, Encodable {
  /// Where the temperature came from.
  public enum Source: String, Sendable, Encodable {
    /// Stored in the model (fitted on dev after training).
    case model
    /// Given with `--temperature`.
    case option
    /// Fitted on the evaluated data itself (the model stores none): an optimistic figure.
    case fittedOnEvaluatedData = "fitted-on-evaluated-data"
  }

  /// The temperature applied for the "after" figures.
  public var temperature: Float
  /// Where it came from.
  public var source: Source
  /// Mean negative log-likelihood of the gold tags at temperature 1 (nats per token).
  public var nllBefore: Double
  /// The same at `temperature`.
  public var nllAfter: Double
  /// Confidence against accuracy at temperature 1.
  public var before: ReliabilityDiagram
  /// The same at `temperature`.
  public var after: ReliabilityDiagram
  /// Tokens scored.
  public var tokens: Int

  enum CodingKeys: String, CodingKey {
    case temperature, source, tokens
    case nllBefore = "nll_before"
    case nllAfter = "nll_after"
    case eceBefore = "ece_before"
    case eceAfter = "ece_after"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(temperature, forKey: .temperature)
    try container.encode(source, forKey: .source)
    try container.encode(tokens, forKey: .tokens)
    try container.encode(nllBefore, forKey: .nllBefore)
    try container.encode(nllAfter, forKey: .nllAfter)
    try container.encode(before.expectedCalibrationError, forKey: .eceBefore)
    try container.encode(after.expectedCalibrationError, forKey: .eceAfter)
  }
}
