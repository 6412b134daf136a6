/// A small, fast, seedable random number generator (SplitMix64, Steele et al. 2014).
///
/// All randomness in the tagger (initialisation, dropout, shuffling, word dropout) flows through
/// one of these, passed `inout`, so a seed reproduces a run bit for bit.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
  /// The generator's whole state; saving and restoring it resumes the sequence.
  public var state: UInt64

  /// A generator seeded with `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// What each draw adds to the state (the golden-ratio increment γ): the k-th draw from state
  /// s mixes s + k·γ, which lets a bulk kernel draw many at once (`Dropout.mask`).
  public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

  public mutating func next() -> UInt64 {
    state &+= Self.increment
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform `Float` in `[lower, upper)`.
  public mutating func nextFloat(in lower: Float, _ upper: Float) -> Float {
    let unit = Float(next() >> 40) * (1.0 / Float(1 << 24))
    return lower + (upper - lower) * unit
  }
}
