/// How far an interrupted epoch got: what a checkpoint written inside an epoch needs so that a
/// resumed run continues at the next batch and ends with the weights of an uninterrupted run.
///
/// The epoch's batches are drawn again from `startRandomState` (the generator's state before the
/// epoch shuffled), the first `batchesDone` are skipped, and the generator then continues from
/// the checkpoint's own random state (dropout and word dropout of the batches to come).
public struct EpochProgress: Sendable, Equatable, Codable {
  /// The random generator's state before the epoch drew its batches (a decimal string in JSON:
  /// a `UInt64` does not survive a JSON number).
  public var startRandomState: UInt64
  /// Batches of the epoch already trained on.
  public var batchesDone: Int
  /// The sum of the epoch's batch losses so far (for its mean loss).
  public var lossSum: Double
  /// Tokens of the epoch already trained on.
  public var tokensDone: Int

  /// Progress after `batchesDone` batches of an epoch that started at `startRandomState`.
  public init(startRandomState: UInt64, batchesDone: Int, lossSum: Double, tokensDone: Int) {
    self.startRandomState = startRandomState
    self.batchesDone = batchesDone
    self.lossSum = lossSum
    self.tokensDone = tokensDone
  }

  private enum CodingKeys: String, CodingKey {
    case startRandomState, batchesDone, lossSum, tokensDone
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let text = try container.decode(String.self, forKey: .startRandomState)
    guard let state = UInt64(text) else {
      throw DecodingError.dataCorruptedError(
        forKey: .startRandomState, in: container, debugDescription: "not a UInt64: \(text)")
    }
    startRandomState = state
    batchesDone = try container.decode(Int.self, forKey: .batchesDone)
    lossSum = try container.decode(Double.self, forKey: .lossSum)
    tokensDone = try container.decode(Int.self, forKey: .tokensDone)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(String(startRandomState), forKey: .startRandomState)
    try container.encode(batchesDone, forKey: .batchesDone)
    try container.encode(lossSum, forKey: .lossSum)
    try container.encode(tokensDone, forKey: .tokensDone)
  }
}
