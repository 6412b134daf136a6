import Testing

@testable import Tagger

/// The hashed affixes and shapes of `AffixEncoder`: which rows a word reads, and its output.
@Suite struct AffixEncoderTests {
  static func encoder(buckets: Int = 1 << 14) -> AffixEncoder {
    var rng = SplitMix64(seed: 5)
    return AffixEncoder(affixSize: 4, shapeSize: 3, buckets: buckets, using: &rng)
  }

  @Test func shapesKeepClassesAndCutLongRuns() {
    let cases = [
      "Hello": "Xxxx", "1999": "ddd", "U.S.": "X.X.", "e-mail": "x-xxx", "McDonald's": "XxXxxx'x",
      "ÉCOLE": "XXX", "...": "...",
    ]
    for (word, shape) in cases {
      #expect(String(String.UnicodeScalarView(AffixEncoder.shape(of: word))) == shape, "\(word)")
    }
  }

  @Test func wordsSharingASuffixShareItsRowAndCaseIsIgnored() {
    let ids = Self.encoder().ids(of: ["walking", "Talking", "go"])
    let slots = AffixEncoder.slotCount
    let walking = Array(ids.affixes[0..<slots])
    let talking = Array(ids.affixes[slots..<2 * slots])
    // Slots alternate prefix, suffix for lengths 1...4: the odd slots are suffixes.
    for slot in stride(from: 1, to: slots, by: 2) { #expect(walking[slot] == talking[slot]) }
    #expect(walking[0] != talking[0], "prefixes w and t should (almost surely) differ")
    // "go" has no affixes of 3 or 4 characters: those slots read the zero <pad> row.
    let go = Array(ids.affixes[2 * slots..<3 * slots])
    #expect(go[4...].allSatisfy { $0 == Embedding.paddingID })
    #expect(go[..<4].allSatisfy { $0 >= 2 })
    // A prefix and a suffix of the same letters are different slots.
    #expect(go[2] != go[3] || go[2] == Embedding.paddingID)
    #expect(ids.shapes[0] != ids.shapes[1], "xxx and Xxx are different shapes")
  }

  @Test func outputIsTheSumOfTheAffixRowsThenTheShapeRow() {
    let encoder = Self.encoder(buckets: 11)
    let (vectors, ids) = encoder.forward(["cats", "a"])
    for word in 0..<2 {
      var expected = [Float](repeating: 0, count: 4)
      for slot in 0..<AffixEncoder.slotCount {
        let id = ids.affixes[word * AffixEncoder.slotCount + slot]
        for column in 0..<4 { expected[column] += encoder.affixes.table[id, column] }
      }
      for column in 0..<3 { expected.append(encoder.shapes.table[ids.shapes[word], column]) }
      #expect(
        (0..<7).map { vectors[word, $0] }.elementsEqual(expected) { abs($0 - $1) < 1e-6 },
        "word \(word)")
    }
  }

  @Test func configurationsOutOfRangeAreRefused() {
    var configuration = TaggerConfiguration()
    configuration.affixEmbeddingSize = 50
    configuration.shapeEmbeddingSize = 0
    #expect(configuration.sizeProblem?.contains("shape embedding size") == true)
    configuration.shapeEmbeddingSize = 16
    configuration.affixBuckets = 1 << 40
    #expect(configuration.sizeProblem?.contains("affix buckets") == true)
    configuration.affixBuckets = nil
    #expect(configuration.sizeProblem == nil)
    #expect(configuration.stackInputSize == 100 + 100 + 66)
  }
}
