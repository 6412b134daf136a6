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
  let tagLayer: LayerSelector
  let showsProbabilities: Bool
  let topK: Int
  /// A several-layer model's other layers (`xpos`, `feats`): JSON gives each word a member per
  /// layer, CoNLL-U fills their columns; empty for one layer.
  var additionalLayers: [LayerSelector] = []

  /// The body for `format`.
  ///
  /// - Throws: `RequestError` when a CoNLL-U sentence lacks the model's tag layer.
  func body(
    for input: TagInput, predictions: [[TagPrediction]], format: TagResponseFormat
  ) throws(RequestError) -> String {
    switch (format, input) {
    case (.json, _): return json(words: input.words, predictions: predictions)
    case (.conllu, .words(let words)):
      return try written(predicted(words, predictions, as: .conllu), as: .conllu)
    case (.wordtag, .words(let words)):
      return try written(predicted(words, predictions, as: .wordTag), as: .wordTag)
    case (.conllu, .conllu(let sentences)):
      return try written(try filled(sentences, predictions), as: .conllu)
    case (.wordtag, .conllu(let sentences)):
      return try written(try filled(sentences, predictions), as: .wordTag, tagLayer: tagLayer)
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
        for (layer, tag) in zip(additionalLayers, prediction.layerTags) {
          text += "," + JSONLinesWriter.quoted(layer.description) + ":" + JSONLinesWriter.quoted(tag)
        }
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
    JSONLinesWriter.number(value)
  }

  /// The confidences `probs` and `top` ask for, as `tagcli tag --probs --top K` does.
  var confidence: ConfidenceDetail {
    ConfidenceDetail(probability: showsProbabilities, topCount: topK)
  }

  /// The sentences `tagcli tag --output FORMAT` writes for lines of `words` (none for an empty
  /// line where the format has no empty sentences).
  private func predicted(
    _ words: [[String]], _ predictions: [[TagPrediction]], as format: CorpusFormat
  ) -> [Sentence] {
    let column = Sentence.predictedTagColumn(for: format, modelLayer: tagLayer)
    return zip(words, predictions).compactMap { sentenceWords, sentencePredictions in
      guard !sentenceWords.isEmpty || format.writesEmptySentences else { return nil }
      return Sentence(
        words: sentenceWords, predictions: sentencePredictions, tagColumn: column,
        layerColumns: additionalLayers.map(\.description))
    }
  }

  /// `sentences` written as `format` through the Corpora writer `tagcli tag` uses: the tags of
  /// `tagLayer` (the predicted column when nil), with the confidences asked for.
  ///
  /// - Throws: a `400` for a word the format cannot hold (a tab in a CoNLL-U field).
  private func written(
    _ sentences: [Sentence], as format: CorpusFormat, tagLayer: LayerSelector? = nil
  ) throws(RequestError) -> String {
    let output = TextOutput.inMemory(path: "response")
    var options = WriterOptions()
    options.tagLayer =
      tagLayer ?? .name(Sentence.predictedTagColumn(for: format, modelLayer: self.tagLayer))
    options.confidence = confidence
    // Writing into memory fails only for a value the format cannot hold: every sentence here
    // has its layer, and both formats can be written.
    var writer: any SentenceWriter
    do {
      writer = try makeSentenceWriter(format: format, output: output, options: options)
    } catch {
      preconditionFailure("no \(format) writer for a response: \(error)")
    }
    for sentence in sentences {
      do {
        try writer.write(sentence)
      } catch let error as CorpusError where error.isContentError {
        throw .badRequest("output=\(format.rawValue): \(error.message)")
      } catch {
        preconditionFailure("writing a response into memory failed: \(error)")
      }
    }
    do {
      try writer.finish()
    } catch {
      preconditionFailure("writing a response into memory failed: \(error)")
    }
    return output.text
  }

  /// CoNLL-U sentences with the model's tag layer filled in.
  private func filled(_ sentences: [Sentence], _ predictions: [[TagPrediction]])
    throws(RequestError) -> [Sentence]
  {
    return try zip(sentences, predictions).map {
      (sentence, sentencePredictions) throws(RequestError) in
      let column: Int
      let layerColumns: [Int]
      do {
        column = try tagLayer.column(in: sentence, file: "body")
        layerColumns = try additionalLayers.map { try $0.column(in: sentence, file: "body") }
      } catch {
        throw .badRequest("\(error)")
      }
      var tagged = sentence
      for (index, prediction) in sentencePredictions.enumerated() {
        tagged.tokens[index].values[column] = prediction.tag
        for (layerColumn, tag) in zip(layerColumns, prediction.layerTags) {
          tagged.tokens[index].values[layerColumn] = tag
        }
      }
      return tagged
    }
  }
}
