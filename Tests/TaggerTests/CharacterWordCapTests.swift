import Testing

@testable import Tagger

@Suite struct CharacterWordCapTests {
  @Test func shortWordsAreUnchanged() {
    let ids = Array(0..<CharacterVocabulary.maxEncodedWordLength)
    #expect(CharacterVocabulary.cappedForEncoder(ids) == ids)
  }

  @Test func longWordsKeepTheirEnds() {
    let ids = Array(0..<500_000)
    let capped = CharacterVocabulary.cappedForEncoder(ids)
    let half = CharacterVocabulary.maxEncodedWordLength / 2
    #expect(capped.count == CharacterVocabulary.maxEncodedWordLength)
    #expect(Array(capped.prefix(half)) == Array(0..<half))
    #expect(Array(capped.suffix(half)) == Array((500_000 - half)..<500_000))
  }

  @Test func aHugeWordIsTaggedLikeItsCappedForm() throws {
    let model = try TaggerSamples.trainedModel(epochs: 1)
    let half = CharacterVocabulary.maxEncodedWordLength / 2
    let huge =
      String(repeating: "a", count: half) + String(repeating: "b", count: 200_000)
      + String(repeating: "c", count: half)
    let capped = String(repeating: "a", count: half) + String(repeating: "c", count: half)
    // Both are unknown words, so only the character encoder tells them apart.
    #expect(model.predict([[huge]]) == model.predict([[capped]]))
  }
}
