/// The scores that make up a tag sequence's joint score, shared by every decoder and by the CRF's
/// forward-backward algorithm.
///
/// C = tags. A sequence y₀…y_{T−1} over emissions `e` (`[T, C]`) scores
/// `start[y₀] + Σₜ e[t, yₜ] + Σₜ transitions[y_{t−1}, yₜ] + end[y_{T−1}]`.
/// `transitions` is `[C, C]` row-major, row = previous tag, column = next tag. A forbidden move
/// (a span constraint) is `-∞`. A softmax tagger's lattice has zero transition scores (and
/// `-∞` where constraints forbid a move) over log-probability emissions.
public struct TagLattice: Sendable, Equatable {
  /// C, the number of tags.
  public let tagCount: Int
  /// Transition scores `[C, C]`, row-major (previous tag, next tag).
  var transitions: [Double]
  /// Scores of starting a sentence with each tag.
  var start: [Double]
  /// Scores of ending a sentence with each tag.
  var end: [Double]

  /// A lattice with every score zero: every sequence is allowed and only emissions count.
  public init(tagCount: Int) {
    precondition(tagCount >= 1, "TagLattice: \(tagCount) tags")
    self.tagCount = tagCount
    transitions = [Double](repeating: 0, count: tagCount * tagCount)
    start = [Double](repeating: 0, count: tagCount)
    end = [Double](repeating: 0, count: tagCount)
  }

  /// A lattice over given scores (`transitions` is `[C, C]` row-major).
  init(transitions: [Double], start: [Double], end: [Double]) {
    let tagCount = start.count
    precondition(
      end.count == tagCount && transitions.count == tagCount * tagCount,
      "TagLattice: \(transitions.count) transitions, \(start.count) start, \(end.count) end")
    self.tagCount = tagCount
    self.transitions = transitions
    self.start = start
    self.end = end
  }

  /// The transition score from `previous` to `next`.
  func transition(_ previous: Int, _ next: Int) -> Double {
    transitions[previous &* tagCount &+ next]
  }

  /// This lattice with the moves `constraints` forbids set to `-∞`.
  public func constrained(by constraints: SpanConstraints?) -> TagLattice {
    guard let constraints else { return self }
    precondition(
      constraints.tagCount == tagCount, "constrained: \(constraints.tagCount) vs \(tagCount) tags")
    var result = self
    for index in transitions.indices where !constraints.allowedTransitions[index] {
      result.transitions[index] = -.infinity
    }
    for tag in 0..<tagCount {
      if !constraints.allowedStart[tag] { result.start[tag] = -.infinity }
      if !constraints.allowedEnd[tag] { result.end[tag] = -.infinity }
    }
    return result
  }

  /// The joint score of `path` over `emissions` (`[T, C]` row-major, T = `path.count`).
  func score(of path: [Int], emissions: [Double]) -> Double {
    guard let first = path.first, let last = path.last else { return 0 }
    var total = start[first] + end[last]
    for (step, tag) in path.enumerated() {
      total += emissions[step &* tagCount &+ tag]
      if step > 0 { total += transition(path[step - 1], tag) }
    }
    return total
  }
}
