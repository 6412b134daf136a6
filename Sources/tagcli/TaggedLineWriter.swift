import Corpora
import Foundation
import Tagger

/// Output formats of `tagcli tag` for raw-text input.
enum TagOutputFormat: String, CaseIterable {
  case wordtag, tsv, conllu, json, tiger
}

/// Writes tagged sentences from raw-text input, one input line at a time.
///
/// `wordtag`: `word/TAG` separated by spaces (`word/TAG/0.98` with probabilities, alternatives as
/// `word/TAG/0.98|TAG2/0.01`); `tsv`: one `word<TAB>TAG[<TAB>prob][<TAB>TAG2:p …]` line per word
/// and a blank line after each sentence; `conllu`: ten columns with the tag in UPOS (XPOS when the
/// model was trained on `xpos`) and probabilities in MISC; `json`: one object per line with
/// `words`, `tags` and, when asked, `probs` and `top`; `tiger`: TIGER-XML terminals. An empty
/// input line gives an empty line in `wordtag` and `json` (an empty `words` array), and a blank
/// line in `tsv`; CoNLL-U and TIGER-XML have no empty sentences, so there it gives nothing.
struct TaggedLineWriter {
  let format: TagOutputFormat
  let output: TextOutput
  let showsProbabilities: Bool
  let topK: Int
  let tagLayer: String
  /// The name a sentence label is written under (`# KEY = …`, a JSON key, an XML attribute).
  var labelKey = Sentence.defaultLabelKey
  /// Whether the model has a tag head: JSON lines then carry `tags` (and `probs`, `top`), empty
  /// for an empty line; a sentence classifier's lines carry its label only.
  var writesTags = true
  private var xmlWriter: (any SentenceWriter)?
  private var sentenceNumber = 0

  init(
    format: TagOutputFormat, output: TextOutput, showsProbabilities: Bool, topK: Int,
    tagLayer: String
  ) throws {
    self.format = format
    self.output = output
    self.showsProbabilities = showsProbabilities
    self.topK = topK
    self.tagLayer = tagLayer
    if format == .tiger {
      xmlWriter = try makeSentenceWriter(format: .tiger, output: output, options: WriterOptions())
    }
  }

  /// Writes one sentence: its words with their predicted tags (empty without a tag head) and
  /// its predicted label (nil without a label head).
  mutating func write(words: [String], predictions: [TagPrediction], label: LabelPrediction? = nil)
    throws
  {
    sentenceNumber += 1
    switch format {
    case .wordtag:
      let items =
        predictions.isEmpty
        ? words
        : zip(words, predictions).map { word, prediction in
          word.replacingOccurrences(of: "/", with: "\\/") + "/"
            + annotated(prediction, separator: "/")
        }
      try output.write(labelPrefix(label) + items.joined(separator: " ") + "\n")
    case .tsv:
      var text = labelComment(label)
      for (index, word) in words.enumerated() {
        text += word
        if index < predictions.count {
          text += "\t" + annotated(predictions[index], separator: "\t")
        }
        text += "\n"
      }
      try output.write(text + "\n")
    case .conllu:
      guard !words.isEmpty else { return }
      try output.write(conllu(words: words, predictions: predictions, label: label))
    case .json:
      try output.write(jsonLine(words: words, predictions: predictions, label: label) + "\n")
    case .tiger:
      guard !words.isEmpty, var writer = xmlWriter else { return }
      let hasTags = !predictions.isEmpty
      let columns =
        ["word"] + (hasTags ? ["pos"] : []) + (showsProbabilities && hasTags ? ["prob"] : [])
      let tokens = words.enumerated().map { index, word in
        guard hasTags else { return Token(form: word, values: [word]) }
        let prediction = predictions[index]
        return Token(
          form: word,
          values: [word, prediction.tag]
            + (showsProbabilities ? [String(format: "%.4f", prediction.probability)] : []))
      }
      var sentence = Sentence(
        columnNames: columns, tokens: tokens,
        attributes: [(name: "id", value: "s\(sentenceNumber)")] + labelAttributes(label),
        defaultTagColumn: hasTags ? 1 : 0)
      sentence.label = label?.label
      sentence.labelKey = labelKey
      try writer.write(sentence)
      xmlWriter = writer
    }
  }

  /// The tag, then its probability and the alternatives when asked.
  func annotated(_ prediction: TagPrediction, separator: String) -> String {
    var text = prediction.tag
    if showsProbabilities { text += separator + String(format: "%.4f", prediction.probability) }
    if topK > 1 {
      let alternatives = prediction.alternatives.map {
        "\($0.tag):\(String(format: "%.4f", $0.probability))"
      }
      text +=
        (separator == "/" ? "|" : separator)
        + alternatives.joined(separator: separator == "/" ? "|" : " ")
    }
    return text
  }

  private func conllu(words: [String], predictions: [TagPrediction], label: LabelPrediction?)
    -> String
  {
    var text = "# text = \(words.joined(separator: " "))\n" + labelComment(label)
    let usesXPOS = tagLayer.lowercased() == "xpos"
    for (index, word) in words.enumerated() {
      guard index < predictions.count else {
        text += ([String(index + 1), word] + Array(repeating: "_", count: 8)).joined(
          separator: "\t")
        text += "\n"
        continue
      }
      let prediction = predictions[index]
      var misc = "_"
      if showsProbabilities || topK > 1 {
        var parts: [String] = []
        if showsProbabilities {
          parts.append("Prob=" + String(format: "%.4f", prediction.probability))
        }
        if topK > 1 {
          parts.append(
            "Top="
              + prediction.alternatives.map {
                "\($0.tag):\(String(format: "%.4f", $0.probability))"
              }.joined(separator: ","))
        }
        misc = parts.joined(separator: "|")
      }
      let fields = [
        String(index + 1), word, "_", usesXPOS ? "_" : prediction.tag,
        usesXPOS ? prediction.tag : "_",
        "_", "_", "_", "_", misc,
      ]
      text += fields.joined(separator: "\t") + "\n"
    }
    return text + "\n"
  }

  private func jsonLine(words: [String], predictions: [TagPrediction], label: LabelPrediction?)
    -> String
  {
    var object: [String: Any] = ["words": words]
    addLabel(label, to: &object)
    if writesTags { object["tags"] = predictions.map(\.tag) }
    if showsProbabilities, writesTags {
      object["probs"] = predictions.map { Double($0.probability) }
    }
    if topK > 1, writesTags {
      object["top"] = predictions.map { prediction in
        prediction.alternatives.map {
          ["tag": $0.tag, "prob": Double($0.probability)] as [String: Any]
        }
      }
    }
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  mutating func flush() throws {
    try output.flush()
  }

  mutating func finish() throws {
    if var writer = xmlWriter { try writer.finish() }
    try output.flush()
  }
}
