import Corpora
import Foundation
import Tagger

/// Writes the answer of `POST /tag` with the same content as `tagcli tag` for the same input
/// and options: CoNLL-U and `word/TAG` text go through the Corpora writers.
///
/// For words (JSON or plain text), CoNLL-U gets `# text = …`, the tag in UPOS (XPOS when the
/// model's tag layer is `xpos`) and `Prob=`/`Top=` in MISC; `word/TAG` gets `/0.9876` and
/// `|TAG:0.9876|…` alternatives. For CoNLL-U input, the model's tag layer is filled in and
/// everything else is kept, as `tagcli tag --input conllu` does.
struct TagResponseWriter {
  let modelName: String
  let tagLayer: String
  let showsProbabilities: Bool
  let topK: Int

  /// The body for `format`.
  ///
  /// - Throws: `RequestError` when a CoNLL-U sentence lacks the model's tag layer.
  func body(
    for input: TagInput, predictions: [[TagPrediction]], format: TagResponseFormat
  ) throws(RequestError) -> String {
    switch (format, input) {
    case (.json, _): return json(words: input.words, predictions: predictions)
    case (.conllu, .words(let words)):
      return written(words.indices.compactMap { conlluSentence(words[$0], predictions[$0]) }) {
        CoNLLUWriter(output: $0)
      }
    case (.wordtag, .words(let words)):
      return written(words.indices.map { wordTagSentence(words[$0], predictions[$0]) }) {
        WordTagWriter(output: $0)
      }
    case (.conllu, .conllu(let sentences)):
      return written(try filled(sentences, predictions)) { CoNLLUWriter(output: $0) }
    case (.wordtag, .conllu(let sentences)):
      let layer = LayerSelector(parsing: tagLayer)
      return written(try filled(sentences, predictions)) {
        WordTagWriter(output: $0, layer: layer)
      }
    }
  }

  /// `{"model":…,"sentences":[[{"word":…,"tag":…,"prob":…,"top":[{"tag":…,"prob":…}]}]]}`.
  func json(words: [[String]], predictions: [[TagPrediction]]) -> String {
    var text = "{\"model\":" + JSONLinesWriter.quoted(modelName) + ",\"sentences\":["
    for (sentenceIndex, (sentence, sentencePredictions)) in zip(words, predictions).enumerated() {
      if sentenceIndex > 0 { text += "," }
      text += "["
      for (index, (word, prediction)) in zip(sentence, sentencePredictions).enumerated() {
        if index > 0 { text += "," }
        text += "{\"word\":" + JSONLinesWriter.quoted(word)
        text += ",\"tag\":" + JSONLinesWriter.quoted(prediction.tag)
        if showsProbabilities { text += ",\"prob\":" + Self.number(prediction.probability) }
        if topK > 0 {
          text += ",\"top\":["
          text += prediction.alternatives.map {
            "{\"tag\":" + JSONLinesWriter.quoted($0.tag) + ",\"prob\":"
              + Self.number($0.probability)
              + "}"
          }.joined(separator: ",")
          text += "]"
        }
        text += "}"
      }
      text += "]"
    }
    return text + "]}\n"
  }

  /// A probability as a JSON number: the shortest text that reads back as the same `Float`.
  static func number(_ value: Float) -> String {
    value.isFinite ? "\(value)" : "null"
  }

  private func written(_ sentences: [Sentence], writer: (TextOutput) -> some SentenceWriter)
    -> String
  {
    let output = TextOutput.inMemory(path: "response")
    var sentenceWriter = writer(output)
    // Writing into memory cannot fail: the writers throw only for I/O and missing layers,
    // and every sentence here has its layer.
    do {
      for sentence in sentences { try sentenceWriter.write(sentence) }
      try sentenceWriter.finish()
    } catch {
      preconditionFailure("writing a response into memory failed: \(error)")
    }
    return output.text
  }

  /// The CoNLL-U sentence `tagcli tag --output conllu` writes for raw words; nil when empty.
  private func conlluSentence(_ words: [String], _ predictions: [TagPrediction]) -> Sentence? {
    guard !words.isEmpty else { return nil }
    let usesXPOS = tagLayer.lowercased() == "xpos"
    let tokens = zip(words, predictions).enumerated().map { index, pair in
      let (word, prediction) = pair
      var misc: [String] = []
      if showsProbabilities { misc.append("Prob=" + Self.fixed(prediction.probability)) }
      if topK > 1 { misc.append("Top=" + alternatives(prediction, separator: ",")) }
      return Token(
        form: word,
        values: [
          String(index + 1), word, "_", usesXPOS ? "_" : prediction.tag,
          usesXPOS ? prediction.tag : "_", "_", "_", "_", "_",
          misc.isEmpty ? "_" : misc.joined(separator: "|"),
        ])
    }
    return Sentence(
      columnNames: CoNLLUReader.columnNames, tokens: tokens,
      comments: ["# text = " + words.joined(separator: " ")], defaultTagColumn: 3)
  }

  /// The `word/TAG[/prob][|TAG:prob…]` sentence `tagcli tag` writes: the annotated tag is the
  /// token's tag value.
  private func wordTagSentence(_ words: [String], _ predictions: [TagPrediction]) -> Sentence {
    let tokens = zip(words, predictions).map { word, prediction in
      var tag = prediction.tag
      if showsProbabilities { tag += "/" + Self.fixed(prediction.probability) }
      if topK > 1 { tag += "|" + alternatives(prediction, separator: "|") }
      return Token(form: word, values: [word, tag])
    }
    return Sentence(columnNames: ["word", "tag"], tokens: tokens, defaultTagColumn: 1)
  }

  private func alternatives(_ prediction: TagPrediction, separator: String) -> String {
    prediction.alternatives.map { "\($0.tag):\(Self.fixed($0.probability))" }
      .joined(separator: separator)
  }

  private static func fixed(_ value: Float) -> String { String(format: "%.4f", value) }

  /// CoNLL-U sentences with the model's tag layer filled in.
  private func filled(_ sentences: [Sentence], _ predictions: [[TagPrediction]])
    throws(RequestError) -> [Sentence]
  {
    let layer = LayerSelector(parsing: tagLayer)
    return try zip(sentences, predictions).map {
      (sentence, sentencePredictions) throws(RequestError) in
      guard let column = layer.columnIndex(in: sentence) else {
        throw .badRequest(
          "body:\(sentence.sourceLine): the model's tag layer \(layer) is not a column here")
      }
      var tagged = sentence
      for (index, prediction) in sentencePredictions.enumerated() {
        tagged.tokens[index].values[column] = prediction.tag
      }
      return tagged
    }
  }
}
