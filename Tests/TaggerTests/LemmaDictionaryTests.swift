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
    ("Cats", "NOUN", "cat"), ("Fish", "NOUN", "fish"), ("saw", "VERB", "see"),
    ("saw", "VERB", "saw"),
    ("saw", "VERB", "see"),
  ]

  @Test func theRulesAnswerInOrder() {
    let dictionary = LemmaDictionary(training: Self.training)
    #expect(dictionary.lemma(of: "dogs", tag: "NOUN") == ("dog", .dictionary))
    #expect(dictionary.lemma(of: "saw", tag: "VERB") == ("see", .dictionary), "most frequent")
    #expect(dictionary.lemma(of: "Berlin", tag: "PROPN") == ("Berlin", .copy))
    #expect(dictionary.lemma(of: "42", tag: "NUM") == ("42", .copy))
    #expect(dictionary.lemma(of: "THE", tag: "DET") == ("the", .dictionary), "lowercased form")
    #expect(dictionary.lemma(of: "Horses", tag: "NOUN") == ("horse", .rule), "the -s of dogs")
    #expect(dictionary.lemma(of: "bats", tag: "NOUN") == ("bat", .rule))
    #expect(dictionary.lemma(of: "Xyz", tag: "INTJ") == ("Xyz", .fallback), "a tag never seen")
    #expect(dictionary.copyTags == ["PROPN", "NUM"])
  }

  @Test func anEditThatDropsTheWholeWordFallsBackToTheForm() {
    // "abcgg" → "ab" drops "cgg": applied to "egg" it would leave an empty lemma.
    let dictionary = LemmaDictionary(
      training: [(form: "abcgg", tag: "VERB", lemma: "ab")])
    #expect(
      SuffixRules(entries: dictionary.entries).lemma(of: "egg", tag: "VERB", lowercases: false)
        == "")
    #expect(dictionary.lemma(of: "egg", tag: "VERB") == ("egg", .fallback))
  }

  @Test func suffixRulesTakeTheLongestEndingSeen() {
    let rules = SuffixRules(entries: [
      ["ponies", "NOUN", "pony"], ["flies", "NOUN", "fly"], ["dogs", "NOUN", "dog"],
      ["cats", "NOUN", "cat"], ["went", "VERB", "go"], ["Walked", "VERB", "walk"],
      ["jumped", "VERB", "jump"],
    ])
    #expect(rules.lemma(of: "berries", tag: "NOUN", lowercases: true) == "berry")
    #expect(rules.lemma(of: "Hats", tag: "NOUN", lowercases: true) == "hat")
    #expect(rules.lemma(of: "Zionists", tag: "NOUN", lowercases: false) == "Zionist")
    #expect(rules.lemma(of: "Talked", tag: "VERB", lowercases: true) == "talk")
    #expect(rules.lemma(of: "x", tag: "ADJ", lowercases: true) == nil, "a tag never seen")
    #expect(SuffixRules.Edit(form: "Went", lemma: "go").apply(to: "a") == nil, "drops too much")
  }

  @Test func itSurvivesJSON() throws {
    let dictionary = LemmaDictionary(training: Self.training)
    let data = try JSONEncoder().encode(dictionary)
    let decoded = try JSONDecoder().decode(LemmaDictionary.self, from: data)
    #expect(decoded == dictionary)
    #expect(decoded.lemma(of: "ran", tag: "VERB") == ("run", .dictionary))
    let bad = Data(#"{"entries":[["a","B"]],"copyTags":[],"lowercasingTags":[]}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(LemmaDictionary.self, from: bad)
    }
  }

  /// The full tag (the other layers) refines a pair whose lemmas differ by it: possessive `her`
  /// (PRP$) keeps its form, the object (PRP) is `she`, as EWT writes them.
  @Test func theFullTagRefinesAnAmbiguousPair() throws {
    let her = LemmaDictionary.fullTag(["PRP$", "Poss=Yes"])
    let object = LemmaDictionary.fullTag(["PRP", "Case=Acc"])
    let training: [(form: String, tag: String, detail: String, lemma: String)] = [
      ("her", "PRON", object, "she"), ("her", "PRON", object, "she"), ("her", "PRON", her, "her"),
      ("dogs", "NOUN", LemmaDictionary.fullTag(["NNS", "Number=Plur"]), "dog"),
    ]
    let dictionary = LemmaDictionary(trainingWithDetails: training)
    #expect(dictionary.lemma(of: "her", tag: "PRON") == ("she", .dictionary), "the pair's")
    #expect(dictionary.lemma(of: "her", tag: "PRON", detail: her) == ("her", .dictionary))
    #expect(dictionary.lemma(of: "her", tag: "PRON", detail: object) == ("she", .dictionary))
    let unseen = LemmaDictionary.fullTag(["PRP", "Case=Nom"])
    #expect(dictionary.lemma(of: "her", tag: "PRON", detail: unseen) == ("she", .dictionary))
    #expect(dictionary.refinements == [["her", "PRON", her, "her"]], "only where they differ")
    #expect(dictionary.entries.count == 2)

    let data = try JSONEncoder().encode(dictionary)
    let decoded = try JSONDecoder().decode(LemmaDictionary.self, from: data)
    #expect(decoded == dictionary)
    #expect(decoded.lemma(of: "her", tag: "PRON", detail: her) == ("her", .dictionary))
    // A dictionary written before refinements (no key) still loads; a malformed one does not.
    let older = Data(#"{"entries":[["a","B","c"]],"copyTags":[],"lowercasingTags":[]}"#.utf8)
    #expect(try JSONDecoder().decode(LemmaDictionary.self, from: older).refinements.isEmpty)
    let bad = Data(
      #"{"entries":[],"copyTags":[],"lowercasingTags":[],"refinements":[["a","B","c"]]}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(LemmaDictionary.self, from: bad)
    }
  }

  /// A copying tag's full tag that copies less often is not copied: English PROPN copies its
  /// form, but not as NNPS, whose unknown words take the tag's suffix rules instead
  /// (`Zionists` → `Zionist`). A full tag seen too rarely keeps the tag's copying.
  @Test func aFullTagThatRarelyCopiesOverrulesItsTag() throws {
    let singular = LemmaDictionary.fullTag(["NNP", "Number=Sing"])
    let plural = LemmaDictionary.fullTag(["NNPS", "Number=Plur"])
    let rare = LemmaDictionary.fullTag(["GW", "_"])
    var training: [(form: String, tag: String, detail: String, lemma: String)] = []
    for index in 0..<150 { training.append(("Name\(index)", "PROPN", singular, "Name\(index)")) }
    for stem in ["Methodist", "Baptist", "Democrat", "Patriot", "Unionist", "Royalist"] {
      for _ in 0..<2 { training.append((stem + "s", "PROPN", plural, stem)) }
    }
    training.append(("Bob", "PROPN", rare, "Robert"))
    let dictionary = LemmaDictionary(trainingWithDetails: training)
    #expect(dictionary.copyTags == ["PROPN"])
    #expect(dictionary.nonCopyingFullTags == [["PROPN", plural]])
    #expect(dictionary.lemma(of: "Zionists", tag: "PROPN", detail: plural) == ("Zionist", .rule))
    #expect(dictionary.lemma(of: "Zionists", tag: "PROPN", detail: singular) == ("Zionists", .copy))
    #expect(dictionary.lemma(of: "Zionists", tag: "PROPN", detail: rare) == ("Zionists", .copy))
    #expect(dictionary.lemma(of: "Zionists", tag: "PROPN") == ("Zionists", .copy), "no full tag")

    let data = try JSONEncoder().encode(dictionary)
    let decoded = try JSONDecoder().decode(LemmaDictionary.self, from: data)
    #expect(decoded == dictionary)
    #expect(decoded.lemma(of: "Zionists", tag: "PROPN", detail: plural) == ("Zionist", .rule))
    // A dictionary written before (no key) copies as it did; a malformed one is refused.
    let older = Data(#"{"entries":[],"copyTags":["PROPN"],"lowercasingTags":[]}"#.utf8)
    let old = try JSONDecoder().decode(LemmaDictionary.self, from: older)
    #expect(old.lemma(of: "Zionists", tag: "PROPN", detail: plural) == ("Zionists", .copy))
    let bad = Data(
      #"{"entries":[],"copyTags":[],"lowercasingTags":[],"nonCopyingFullTags":[["PROPN"]]}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(LemmaDictionary.self, from: bad)
    }
  }

  /// A form with the lookup's separator in it still makes a three-part entry that loads back.
  @Test func aControlCharacterInAFormKeepsEntriesWhole() throws {
    let dictionary = LemmaDictionary(
      trainingWithDetails: [(form: "a\u{1}b", tag: "X", detail: "Y\u{1}", lemma: "ab")])
    #expect(dictionary.entries == [["a\u{1}b", "X", "ab"]])
    let data = try JSONEncoder().encode(dictionary)
    #expect(try JSONDecoder().decode(LemmaDictionary.self, from: data) == dictionary)
  }

  @Test func sourcesAreCounted() {
    let dictionary = LemmaDictionary(training: Self.training)
    var counts = LemmaSourceCounts()
    counts.add(
      zip(["dogs", "Berlin", "Horses", "ran"], ["NOUN", "PROPN", "NOUN", "VERB"]).map {
        dictionary.lemma(of: $0, tag: $1).source
      })
    #expect(counts.counts == [.dictionary: 2, .copy: 1, .rule: 1])
    #expect(
      counts.summary == "dictionary 50.0 %, copy 25.0 %, rule 25.0 %, fallback 0.0 % (of 4 words)")
  }
}
