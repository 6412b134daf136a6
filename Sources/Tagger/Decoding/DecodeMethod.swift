/// How a tag sequence is chosen from a lattice (`--decode`).
///
/// Written `greedy`, `beam:K` or `viterbi` on the command line and in the model file.
public enum DecodeMethod: Sendable, Equatable, Codable, LosslessStringConvertible {
  /// Left to right, each word's best tag given the tag chosen before it.
  case greedy
  /// Beam search keeping the `width` best partial sequences by joint score.
  case beam(width: Int)
  /// The best sequence (Viterbi).
  case viterbi

  /// Parses `greedy`, `viterbi` or `beam:K` with K ≥ 1; nil for anything else.
  public init?(_ description: String) {
    switch description {
    case "greedy": self = .greedy
    case "viterbi": self = .viterbi
    default:
      guard description.hasPrefix("beam:"), let width = Int(description.dropFirst(5)), width >= 1
      else { return nil }
      self = .beam(width: width)
    }
  }

  public var description: String {
    switch self {
    case .greedy: return "greedy"
    case .beam(let width): return "beam:\(width)"
    case .viterbi: return "viterbi"
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let method = DecodeMethod(text) else {
      throw Swift.DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "unknown decode method \"\(text)\"")
      )
    }
    self = method
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  /// The best path of `length` words over `emissions` (`[T, C]` row-major) in `lattice`.
  ///
  /// When constraints leave no finite path (a tag set missing the tags a span needs), the path
  /// is decoded again without the forbidden moves, so every word still gets a tag.
  func decode(_ emissions: [Double], length: Int, lattice: TagLattice, free: TagLattice) -> [Int] {
    guard length > 0 else { return [] }
    let path: [Int]
    switch self {
    case .greedy:
      path = SequenceDecoding.beam(emissions, length: length, lattice: lattice, width: 1)
    case .beam(let width):
      path = SequenceDecoding.beam(emissions, length: length, lattice: lattice, width: width)
    case .viterbi: path = SequenceDecoding.viterbi(emissions, length: length, lattice: lattice)
    }
    if lattice.score(of: path, emissions: emissions) > -.infinity || lattice == free { return path }
    return decode(emissions, length: length, lattice: free, free: free)
  }
}
