import Testing

@testable import Tagger

/// Greedy, beam and Viterbi search: beam with K ≥ C is Viterbi, K = 1 is greedy, Viterbi is the
/// best path by enumeration, and constrained searches never give an invalid span sequence.
@Suite struct SequenceDecodingTests {
  static let chunkTags = ["B-NP", "I-NP", "B-VP", "I-VP", "O"]
  static let iobesTags = ["B-PER", "I-PER", "E-PER", "S-PER", "B-LOC", "E-LOC", "S-LOC", "O"]

  static func emissions(length: Int, tagCount: Int, seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<length * tagCount).map { _ in Double(rng.nextFloat(in: -3, 3)) }
  }

  static func lattice(tagCount: Int, seed: UInt64) -> TagLattice {
    var rng = SplitMix64(seed: seed)
    func values(_ count: Int) -> [Double] {
      (0..<count).map { _ in Double(rng.nextFloat(in: -2, 2)) }
    }
    return TagLattice(
      transitions: values(tagCount * tagCount), start: values(tagCount), end: values(tagCount))
  }

  /// Greedy decoding written out plainly: each word's best `transition + emission (+ end)`.
  static func greedy(_ emissions: [Double], length: Int, lattice: TagLattice) -> [Int] {
    var path: [Int] = []
    for step in 0..<length {
      var best = 0
      var bestScore = -Double.infinity
      for tag in 0..<lattice.tagCount {
        var score = emissions[step * lattice.tagCount + tag]
        score += step == 0 ? lattice.start[tag] : lattice.transition(path[step - 1], tag)
        if step == length - 1 { score += lattice.end[tag] }
        if score > bestScore {
          bestScore = score
          best = tag
        }
      }
      path.append(best)
    }
    return path
  }

  @Test(arguments: [1, 2, 5], [1, 2, 6, 11])
  func beamWithAtLeastAsManyHypothesesAsTagsIsViterbi(tagCount: Int, length: Int) {
    for seed in UInt64(0)..<20 {
      let lattice = Self.lattice(tagCount: tagCount, seed: seed)
      let emissions = Self.emissions(length: length, tagCount: tagCount, seed: seed + 100)
      let viterbi = SequenceDecoding.viterbi(emissions, length: length, lattice: lattice)
      for width in [tagCount, tagCount + 3] {
        #expect(
          SequenceDecoding.beam(emissions, length: length, lattice: lattice, width: width)
            == viterbi)
      }
      #expect(
        SequenceDecoding.beam(emissions, length: length, lattice: lattice, width: 1)
          == Self.greedy(emissions, length: length, lattice: lattice))
      #expect(
        DecodeMethod.greedy.decode(emissions, length: length, lattice: lattice, free: lattice)
          == Self.greedy(emissions, length: length, lattice: lattice))
    }
  }

  @Test func viterbiFindsTheBestPathByEnumeration() {
    let lattice = Self.lattice(tagCount: 3, seed: 5)
    for seed in UInt64(0)..<10 {
      let emissions = Self.emissions(length: 5, tagCount: 3, seed: seed)
      let best = CRFTests.allPaths(length: 5, tagCount: 3).max {
        lattice.score(of: $0, emissions: emissions) < lattice.score(of: $1, emissions: emissions)
      }
      #expect(SequenceDecoding.viterbi(emissions, length: 5, lattice: lattice) == best)
    }
  }

  @Test func aSmallBeamCanMissTheBestPathAndNeverBeatsIt() {
    var worse = 0
    for seed in UInt64(0)..<200 {
      let lattice = Self.lattice(tagCount: 5, seed: seed)
      let emissions = Self.emissions(length: 8, tagCount: 5, seed: seed + 1)
      let best = lattice.score(
        of: SequenceDecoding.viterbi(emissions, length: 8, lattice: lattice), emissions: emissions)
      let beam = lattice.score(
        of: SequenceDecoding.beam(emissions, length: 8, lattice: lattice, width: 2),
        emissions: emissions)
      #expect(beam <= best + 1e-9)
      if beam < best - 1e-9 { worse += 1 }
    }
    #expect(worse > 0, "a beam of 2 over 5 tags always found the best path: the test is too weak")
  }

  @Test(arguments: [SpanConstraint.bio, .iob1])
  func constrainedDecodersNeverProduceInvalidBIOSequences(constraint: SpanConstraint) throws {
    try checkValidity(constraint, tags: Self.chunkTags)
  }

  @Test func constrainedDecodersNeverProduceInvalidIOBESSequences() throws {
    try checkValidity(.iobes, tags: Self.iobesTags)
  }

  func checkValidity(_ constraint: SpanConstraint, tags: [String]) throws {
    let constraints = try #require(try SpanConstraints.make(constraint, tags: tags))
    var invalidWithout = 0
    for seed in UInt64(0)..<60 {
      let free = Self.lattice(tagCount: tags.count, seed: seed)
      let lattice = free.constrained(by: constraints)
      let length = 1 + Int(seed % 9)
      let emissions = Self.emissions(length: length, tagCount: tags.count, seed: seed + 7)
      for method in [DecodeMethod.greedy, .beam(width: 2), .beam(width: 4), .viterbi] {
        let path = method.decode(emissions, length: length, lattice: lattice, free: free)
        #expect(constraints.isValid(path), "\(method) gave \(path.map { tags[$0] })")
        #expect(Self.isValidSpanSequence(path.map { tags[$0] }, constraint))
      }
      if !constraints.isValid(SequenceDecoding.viterbi(emissions, length: length, lattice: free)) {
        invalidWithout += 1
      }
    }
    #expect(invalidWithout > 0, "free decoding was always valid: the test is too weak")
  }

  /// The span rules written independently of `SpanConstraints`, on tag strings.
  static func isValidSpanSequence(_ tags: [String], _ constraint: SpanConstraint) -> Bool {
    var previous = "O"
    for tag in tags + ["O"] {
      let prefix = tag.prefix(2)
      let type = tag.dropFirst(2)
      let previousOpen = previous.hasPrefix("B-") || previous.hasPrefix("I-")
      let sameType = previousOpen && previous.dropFirst(2) == type
      switch constraint {
      case .bio: if prefix == "I-" && !sameType { return false }
      case .iob1: if prefix == "B-" && !sameType { return false }
      case .iobes:
        if previousOpen && !((prefix == "I-" || prefix == "E-") && sameType) { return false }
        if !previousOpen && (prefix == "I-" || prefix == "E-") { return false }
      case .none: break
      }
      previous = tag
    }
    return true
  }

  @Test func bioOnATagSetThatIsNotBIOIsRefusedNamingTheTags() {
    #expect(throws: SpanConstraintError.self) {
      try SpanConstraints.make(.bio, tags: ["NOUN", "B-NP", "VERB"])
    }
    do {
      _ = try SpanConstraints.make(.bio, tags: ["B-PER", "E-PER", "O", "NOUN"])
      Issue.record("no error")
    } catch {
      #expect(
        "\(error)"
          == "--constrain bio does not fit the tag set: \"E-PER\", \"NOUN\" are not O, B- or I- tags"
      )
    }
    #expect(throws: Never.self) { try SpanConstraints.make(.iobes, tags: Self.iobesTags) }
  }

  /// BIO tags under `--constrain iobes` would decode every word as O (no E- tag ends a span):
  /// refused, naming the B- tags that no E- tag closes.
  @Test func iobesOnBIOTagsIsRefused() {
    do {
      _ = try SpanConstraints.make(.iobes, tags: ["B-LOC", "I-LOC", "B-PER", "E-PER", "O"])
      Issue.record("no error")
    } catch {
      #expect(
        "\(error)"
          == "--constrain iobes does not fit the tag set: no E- tag ends a span opened by"
          + " \"B-LOC\" (BIO tags: use --constrain bio)")
    }
    #expect(throws: Never.self) {
      try SpanConstraints.make(.iobes, tags: ["S-LOC", "B-PER", "I-PER", "E-PER", "O"])
    }
  }

  @Test func detectsTheConstraintFromTagsAndTrainingData() {
    #expect(SpanConstraint.detected(from: Self.chunkTags) == .bio)
    #expect(SpanConstraint.detected(from: Self.iobesTags) == .iobes)
    #expect(SpanConstraint.detected(from: ["NOUN", "VERB"]) == .none)
    #expect(SpanConstraint.detected(from: ["O"]) == .none)
    let iob1 = [TaggedSentence(words: ["a", "b", "c"], tags: ["I-NP", "B-NP", "O"])]
    #expect(SpanConstraint.detected(inTraining: iob1) == .iob1)
    let iob2 = [TaggedSentence(words: ["a", "b"], tags: ["B-NP", "I-NP"])]
    #expect(SpanConstraint.detected(inTraining: iob2) == .bio)
  }

  @Test func aOneTagSetDecodesTrivially() {
    let lattice = TagLattice(tagCount: 1)
    for method in [DecodeMethod.greedy, .beam(width: 3), .viterbi] {
      #expect(
        method.decode([0.5, -1, 2], length: 3, lattice: lattice, free: lattice) == [0, 0, 0])
    }
  }

  @Test func decodeMethodsParseAndEncodeAsTheirNames() {
    #expect(DecodeMethod("beam:4") == .beam(width: 4))
    #expect(DecodeMethod("viterbi") == .viterbi)
    #expect(DecodeMethod("greedy") == .greedy)
    for bad in ["beam:0", "beam:", "beam", "Viterbi", "beam:-2", ""] {
      #expect(DecodeMethod(bad) == nil)
    }
    #expect(DecodeMethod.beam(width: 12).description == "beam:12")
  }
}
