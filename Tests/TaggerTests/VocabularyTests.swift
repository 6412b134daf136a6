import Testing

@testable import Tagger

@Suite struct VocabularyTests {
  let normalization = Vocabulary.Normalization(lowercases: true, foldsDigits: true)

  @Test func reservesPaddingAndUnknownAndOrdersByFrequency() {
    let vocabulary = Vocabulary.build(
      words: ["the", "The", "cat", "sat", "the", "cat", "mat"], minimumCount: 2,
      normalization: normalization)
    #expect(vocabulary.entries == ["<pad>", "<unk>", "the", "cat"])
    #expect(vocabulary.id(of: "THE") == 2)
    #expect(vocabulary.id(of: "mat") == Vocabulary.unknownID)
    #expect(!vocabulary.contains("sat"))
  }

  @Test func foldsDigitsAndKeepsCaseWhenAsked() {
    let folding = Vocabulary.build(
      words: ["1984", "2001"], minimumCount: 2, normalization: normalization)
    #expect(folding.entries == ["<pad>", "<unk>", "0000"])
    #expect(folding.id(of: "1999") == 2)
    let cased = Vocabulary.build(
      words: ["Apple", "apple"], minimumCount: 1,
      normalization: .init(lowercases: false, foldsDigits: false))
    #expect(cased.count == 4)
  }

  @Test func characterVocabularyRoundTripsThroughEntries() throws {
    let characters = CharacterVocabulary.build(words: ["ab", "bé", "😀"], minimumCount: 1)
    #expect(characters.ids(of: "b").first == 4, "the most frequent scalar gets the first free id")
    #expect(characters.ids(of: "z") == [CharacterVocabulary.unknownID])
    let rebuilt = try #require(CharacterVocabulary(entries: characters.entries))
    #expect(rebuilt == characters)
    #expect(CharacterVocabulary(entries: ["<pad>", "x"]) == nil)
  }

  @Test func tagSetIsSortedAndHasNoUnknown() {
    let tags = TagSet.build(from: ["VERB", "NOUN", "VERB"])
    #expect(tags.tags == ["NOUN", "VERB"])
    #expect(tags.id(of: "ADJ") == nil)
  }
}
