import Foundation
import Testing

@testable import Corpora

/// Each writer puts tag and label confidences in its format's place (`ConfidenceDetail`), and a
/// sentence written in parts gives the bytes of the whole.
@Suite struct ConfidenceWriterTests {
  /// `a/b sleeps` tagged `X VERB`, with confidences, labelled `state` under `class`.
  static func sentence(labelled: Bool = false) -> Sentence {
    var sentence = Sentence(
      columnNames: ["word", "tag"],
      tokens: [
        Token(form: "a/b", values: ["a/b", "X"]),
        Token(form: "sleeps", values: ["sleeps", "VERB"]),
      ],
      comments: ["# text = a/b sleeps"], defaultTagColumn: 1)
    sentence.tagConfidences = [
      Confidence(
        probability: 0.75,
        alternatives: [
          .init(value: "X", probability: 0.75), .init(value: "NOUN", probability: 0.125),
        ]),
      Confidence(
        probability: 1,
        alternatives: [.init(value: "VERB", probability: 1), .init(value: "AUX", probability: 0)]),
    ]
    if labelled {
      sentence.label = "state"
      sentence.labelKey = "class"
      sentence.labelConfidence = Confidence(
        probability: 0.5, alternatives: [.init(value: "state", probability: 0.5)])
    }
    return sentence
  }

  static func written(
    _ format: CorpusFormat, _ sentence: Sentence, confidence: ConfidenceDetail,
    writesLabels: Bool = false
  ) throws -> String {
    let output = TextOutput.inMemory()
    var options = WriterOptions()
    options.tagLayer = .name("tag")
    options.confidence = confidence
    options.writesLabels = writesLabels
    var writer = try makeSentenceWriter(format: format, output: output, options: options)
    try writer.write(sentence)
    try writer.finish()
    return output.text
  }

  @Test func wordTagPutsThemAfterTheTag() throws {
    let all: ConfidenceDetail = [.probability, .alternatives]
    #expect(try Self.written(.wordTag, Self.sentence(), confidence: []) == "a\\/b/X sleeps/VERB\n")
    #expect(
      try Self.written(.wordTag, Self.sentence(), confidence: all)
        == "a\\/b/X/0.7500|X:0.7500|NOUN:0.1250 sleeps/VERB/1.0000|VERB:1.0000|AUX:0.0000\n")
    #expect(
      try Self.written(
        .wordTag, Self.sentence(labelled: true), confidence: .probability, writesLabels: true)
        == "state/0.5000\ta\\/b/X/0.7500 sleeps/VERB/1.0000\n")
  }

  @Test func tsvPutsThemInColumnsAndTheLabelInComments() throws {
    #expect(
      try Self.written(
        .tsv, Self.sentence(labelled: true), confidence: [.probability, .alternatives],
        writesLabels: true)
        == "# class = state\n# class_prob = 0.5000\n# class_top = state:0.5000\n"
        + "a/b\tX\t0.7500\tX:0.7500 NOUN:0.1250\nsleeps\tVERB\t1.0000\tVERB:1.0000 AUX:0.0000\n\n")
  }

  @Test func conlluPutsThemInMisc() throws {
    let text = try Self.written(
      .conllu, Self.sentence(labelled: true), confidence: [.probability, .alternatives])
    #expect(
      text
        == "# text = a/b sleeps\n# class = state\n# class_prob = 0.5000\n# class_top = state:0.5000\n"
        + "1\ta/b\t_\t_\tX\t_\t_\t_\t_\tProb=0.7500|Top=X:0.7500,NOUN:0.1250\n"
        + "2\tsleeps\t_\t_\tVERB\t_\t_\t_\t_\tProb=1.0000|Top=VERB:1.0000,AUX:0.0000\n\n")
  }

  @Test func jsonLinesWritesNumbers() throws {
    let text = try Self.written(
      .jsonl, Self.sentence(labelled: true), confidence: [.probability, .alternatives])
    #expect(
      text
        == #"{"class":"state","class_prob":0.5,"class_top":[{"label":"state","prob":0.5}],"#
        + #""words":["a/b","sleeps"],"tag":["X","VERB"],"probs":[0.75,1.0],"#
        + #""top":[[{"tag":"X","prob":0.75},{"tag":"NOUN","prob":0.125}],"#
        + #"[{"tag":"VERB","prob":1.0},{"tag":"AUX","prob":0.0}]]}"# + "\n")
  }

  @Test func tigerGetsAProbAttribute() throws {
    let text = try Self.written(.tiger, Self.sentence(labelled: true), confidence: .probability)
    #expect(text.contains(#"<s id="s1" class_prob="0.5000" class="state">"#), "\(text)")
    #expect(text.contains(#"word="a/b" tag="X" prob="0.7500""#), "\(text)")
  }

  @Test func noConfidenceWithoutOneForEveryToken() throws {
    var sentence = Self.sentence()
    sentence.tagConfidences.removeLast()
    #expect(
      try Self.written(.wordTag, sentence, confidence: .probability) == "a\\/b/X sleeps/VERB\n")
  }

  /// Every part writer, each token a part: the bytes of the whole sentence, comments once,
  /// IDs numbered on from part to part (CoNLL-U, CoNLL-X).
  @Test(arguments: [CorpusFormat.wordTag, .tsv, .conllu, .conllx])
  func partsGiveTheBytesOfTheWhole(format: CorpusFormat) throws {
    let whole = try Self.written(
      format, Self.sentence(labelled: true), confidence: [.probability, .alternatives],
      writesLabels: true)
    let output = TextOutput.inMemory()
    var options = WriterOptions()
    options.tagLayer = .name("tag")
    options.confidence = [.probability, .alternatives]
    options.writesLabels = true
    var writer = try #require(
      try makeSentenceWriter(format: format, output: output, options: options)
        as? any SentencePartWriter)
    let sentence = Self.sentence(labelled: true)
    for index in sentence.tokens.indices {
      var part = sentence
      part.tokens = [sentence.tokens[index]]
      part.tagConfidences = [sentence.tagConfidences[index]]
      try writer.writePart(part, isFirst: index == 0, isLast: index == sentence.tokens.count - 1)
    }
    try writer.finish()
    #expect(output.text == whole)
  }
}
