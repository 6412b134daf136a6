import Foundation
import Testing

@testable import Tagger

/// A model with other layers learns its lemma dictionary per full tag, and tagging looks words
/// up with the predicted full tag: possessive `her` (PRP$) keeps its form, the object (PRP) is
/// `she`, although both are PRON.
@Suite struct LemmaFullTagTests {
  static let sentences: [TaggedSentence] = {
    let rows: [[(String, String, String, String)]] = [
      [("I", "PRON", "PRP", "I"), ("saw", "VERB", "VBD", "see"), ("her", "PRON", "PRP", "she")],
      [("her", "PRON", "PRP$", "her"), ("dog", "NOUN", "NN", "dog"), ("ran", "VERB", "VBD", "run")],
      [("we", "PRON", "PRP", "we"), ("met", "VERB", "VBD", "meet"), ("her", "PRON", "PRP", "she")],
      [("you", "PRON", "PRP", "you"), ("saw", "VERB", "VBD", "see"), ("her", "PRON", "PRP", "she")],
      [("her", "PRON", "PRP$", "her"), ("cat", "NOUN", "NN", "cat"), ("sat", "VERB", "VBD", "sit")],
    ]
    return rows.map { words in
      var sentence = TaggedSentence(words: words.map(\.0), tags: words.map(\.1))
      sentence.layerTags = [words.map(\.2)]
      sentence.lemmas = words.map(\.3)
      return sentence
    }
  }()

  @Test func thePredictedFullTagChoosesTheLemma() throws {
    var options = TaggerSamples.tinyOptions()
    options.maxEpochs = 40
    let heads = ModelHeads(
      tags: .init(layer: .name("upos")), label: nil,
      additionalTags: [.init(layer: .name("xpos"))], lemma: .init(layer: .name("lemma")))
    var trainer = Trainer(
      training: Self.sentences, dev: Self.sentences, options: options, tagLayer: .name("upos"),
      heads: heads)
    let model = try #require(
      try trainer.train(
        onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in }))
    let dictionary = try #require(model.lemmaDictionary)
    #expect(dictionary.refinements == [["her", "PRON", "PRP$", "her"]])
    #expect(dictionary.lemma(of: "her", tag: "PRON").lemma == "she", "three of five")

    let inputs = [["her", "dog", "ran"], ["we", "saw", "her"]].map { TaggerInput(words: $0) }
    let predicted = model.predict(inputs, decoding: model.defaultDecoding)
    #expect(predicted[0][0].layerTags == ["PRP$", "her"], "\(predicted[0][0])")
    #expect(predicted[1][2].layerTags == ["PRP", "she"], "\(predicted[1][2])")
    #expect(predicted[0][0].lemmaSource == .dictionary && predicted[1][2].lemmaSource == .dictionary)
  }
}
