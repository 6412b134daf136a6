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
///
/// A model with a label head answers each sentence's label too: a `labels` array beside
/// `sentences` in JSON, `# KEY = LABEL` in CoNLL-U and `LABEL<TAB>` before the words in
/// `word/TAG`, as `tagcli tag` writes it. A sentence classifier answers words without tags.
struct TagResponseWriter {
  let modelName: String
  let tagLayer: LayerSelector
  let showsProbabilities: Bool
  let topK: Int
  /// A several-layer model's other layers (`xpos`, `feats`): JSON gives each word a member per
  /// layer, CoNLL-U fills their columns; empty for one layer.
  var additionalLayers: [LayerSelector] = []
  /// Whether the model has a tag head (a sentence classifier has none).
  var writesTags = true
  /// The label key of a model with a label head (`# KEY = …` in CoNLL-U); nil without one.
  var labelKey: String? = nil

  /// The body for `format`.
  ///
  /// - Throws: `RequestError` when a CoNLL-U sentence lacks the model's tag layer.
  func body(
    for input: TagInput, predictions: [SentencePrediction], format: TagResponseFormat
  ) throws(RequestError) -> String {
    switch (format, input) {
    case (.json, _): return json(words: input.words, predictions: predictions)
    case (.conllu, .words(let words, _)):
      return try written(predicted(words, predictions, as: .conllu), as: .conllu)
    case (.wordtag, .words(let words, _)):
      return try written(predicted(words, predictions, as: .wordTag), as: .wordTag)
    case (.conllu, .conllu(let sentences)):
      return try written(try filled(sentences, predictions), as: .conllu)
    case (.wordtag, .conllu) where !writesTags:
      // A classifier's `LABEL<TAB>words`: the input's own tags were not predicted.
      return try written(predicted(input.words, predictions, as: .wordTag), as: .wordTag)
    case (.wordtag, .conllu(let sentences)):
      return try written(try filled(sentences, predictions), as: .wordTag, tagLayer: tagLayer)
    }
  }

  /// `{"model":…,"sentences":[[{"word":…,"tag":…,"prob":…,"top":[{"tag":…,"prob":…}]}]]}`,
  /// with `"labels":[{"label":…,"prob":…,"top":[{"label":…,"prob":…}]}, …]` (one per sentence,
  /// null for an empty one) after `sentences` for a model with a label head.
  func json(words: [[String]], predictions: [SentencePrediction]) -> String {
    var text = "{\"model\":" + JSONLinesWriter.quoted(modelName) + ",\"sentences\":["
    for (sentenceIndex, (sentence, sentencePrediction)) in zip(words, predictions).enumerated() {
      if sentenceIndex > 0 { text += "," }
      text += "["
      let tags = sentencePrediction.tags
      for (index, word) in sentence.enumerated() {
        if index > 0 { text += "," }
        text += "{\"word\":" + JSONLinesWriter.quoted(word)
        guard writesTags, index < tags.count else {
          text += "}"
          continue
        }
        let prediction = tags[index]
        text += ",\"tag\":" + JSONLinesWriter.quoted(prediction.tag)
        for (layer, tag) in zip(additionalLayers, prediction.layerTags) {
          text +=
            "," + JSONLinesWriter.quoted(layer.description) + ":" + JSONLinesWriter.quoted(tag)
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
    text += "]"
    if labelKey != nil {
      text += ",\"labels\":["
      text += predictions.map { prediction in
        prediction.label.map(labelJSON) ?? "null"
      }.joined(separator: ",")
      text += "]"
    }
    return text + "}\n"
  }

  /// `{"label":…,"prob":…,"top":[{"label":…,"prob":…}]}`, with `prob` and `top` as asked.
  private func labelJSON(_ label: LabelPrediction) -> String {
    var text = "{\"label\":" + JSONLinesWriter.quoted(label.label)
    if showsProbabilities { text += ",\"prob\":" + Self.number(label.probability) }
    if topK > 0 {
      text += ",\"top\":["
      text += label.alternatives.prefix(topK).map {
        "{\"label\":" + JSONLinesWriter.quoted($0.label) + ",\"prob\":"
          + Self.number($0.probability) + "}"
      }.joined(separator: ",")
      text += "]"
    }
    return text + "}"
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
    _ words: [[String]], _ predictions: [SentencePrediction], as format: CorpusFormat
  ) -> [Sentence] {
    let column = Sentence.predictedTagColumn(for: format, modelLayer: tagLayer)
    return zip(words, predictions).compactMap { sentenceWords, prediction in
      guard !sentenceWords.isEmpty || format.writesEmptySentences else { return nil }
      return Sentence(
        words: sentenceWords, predictions: writesTags ? prediction.tags : [],
        label: prediction.label, tagColumn: writesTags ? column : nil,
        labelKey: labelKey ?? Sentence.defaultLabelKey,
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
    options.writesLabels = labelKey != nil
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

  /// CoNLL-U sentences with the model's tag layer filled in, and its label under its key.
  private func filled(_ sentences: [Sentence], _ predictions: [SentencePrediction])
    throws(RequestError) -> [Sentence]
  {
    return try zip(sentences, predictions).map {
      (sentence, sentencePrediction) throws(RequestError) in
      var tagged = sentence
      if let labelKey {
        tagged.label = sentencePrediction.label?.label
        tagged.labelKey = labelKey
      }
      guard writesTags else { return tagged }
      let column: Int
      let layerColumns: [Int]
      do {
        column = try tagLayer.column(fillingIn: &tagged, file: "body")
        layerColumns = try additionalLayers.map { try $0.column(fillingIn: &tagged, file: "body") }
      } catch {
        throw .badRequest("\(error)")
      }
      for (index, prediction) in sentencePrediction.tags.enumerated() {
        tagged.tokens[index].values[column] = prediction.tag
        for (layerColumn, tag) in zip(layerColumns, prediction.layerTags) {
          tagged.tokens[index].values[layerColumn] = tag
        }
      }
      return tagged
    }
  }
}
