import Foundation
import Testing

@testable import Tagger

/// The lemma layer's rules, in order: the (form, tag) dictionary, copying for tags whose lemma
/// is the form, the lowercased form, then the per-tag fallback.
@Suite struct LemmaDictionaryTests {
  static let training: [(form: String, tag: String, lemma: String)] = [
    ("dogs", "NOUN", "dog"), ("dogs", "NOUN", "dog"), ("dogs", "VERB", "dog"),
    ("The", "DET", "the"), ("the", "DET", "the"), ("ran", "VERB", "run"),
    ("Paris", "PROPN", "Paris"), ("Anna", "PROPN", "Anna"), ("3", "NUM", "3"),
    ("Cats", "NOUN", "cat"), ("Fish", "NOUN", "fish"), ("saw", "VERB", "see"), ("saw", "VERB", "saw"),
    ("saw", "VERB", "see"),
  ]

  @Test func theRulesAnswerInOrder() {
    let dictionary = LemmaDictionary(training: Self.training)
    #expect(dictionary.lemma(of: "dogs", tag: "NOUN") == ("dog", .dictionary))
    #expect(dictionary.lemma(of: "saw", tag: "VERB") == ("see", .dictionary), "most frequent")
    #expect(dictionary.lemma(of: "Berlin", tag: "PROPN") == ("Berlin", .copy))
    #expect(dictionary.lemma(of: "42", tag: "NUM") == ("42", .copy))
    #expect(dictionary.lemma(of: "THE", tag: "DET") == ("the", .dictionary), "lowercased form")
    #expect(dictionary.lemma(of: "Horses", tag: "NOUN") == ("horses", .fallback))
    #expect(dictionary.lemma(of: "Xyz", tag: "INTJ") == ("Xyz", .fallback), "a tag never seen")
    #expect(dictionary.copyTags == ["PROPN", "NUM"])
  }

  @Test func itSurvivesJSON() throws {
    let dictionary = LemmaDictionary(training: Self.training)
    let data = try JSONEncoder().encode(dictionary)
    let decoded = try JSONDecoder().decode(LemmaDictionary.self, from: data)
    #expect(decoded == dictionary)
    #expect(decoded.lemma(of: "ran", tag: "VERB") == ("run", .dictionary))
    let bad = Data(#"{"entries":[["a","B"]],"copyTags":[],"lowercasingTags":[]}"#.utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(LemmaDictionary.self, from: bad) }
  }

  @Test func sourcesAreCounted() {
    let dictionary = LemmaDictionary(training: Self.training)
    var counts = LemmaSourceCounts()
    counts.add(forms: ["dogs", "Berlin", "Horses", "ran"], tags: ["NOUN", "PROPN", "NOUN", "VERB"], dictionary: dictionary)
    #expect(counts.counts == [.dictionary: 2, .copy: 1, .fallback: 1])
    #expect(counts.summary == "dictionary 50.0 %, copy 25.0 %, fallback 25.0 % (of 4 words)")
  }
}
