import ArgumentParser
import Corpora
import Tagger

extension TagCommand {
  /// Tags a corpus file: reads sentences in `format`, fills the tag layer, keeps everything else,
  /// and writes the result in the output format (by default the input's own), with the tags'
  /// probabilities and alternatives where the format keeps them when `--probs`/`--top` ask.
  func tagCorpus(
    format: CorpusFormat, with tagger: TaggerModel, decoding: Decoding, to out: TextOutput
  ) throws {
    let outputFormat = output?.corpusFormat ?? Self.defaultOutput(for: format, tagger: tagger)
    let layer = tag ?? tagger.provenance.tagLayer
    var writerOptions = WriterOptions()
    writerOptions.tagLayer = layer
    writerOptions.confidence = confidence
    // A label model's answer is its labels: written in every format that has a place for them;
    // labelled lines keep their own label beside a tagger's tags.
    writerOptions.writesLabels = tagger.heads.label != nil || format == .labeled
    var writer = try makeSentenceWriter(format: outputFormat, output: out, options: writerOptions)
    let paths = files.isEmpty ? ["-"] : files
    var skipped: [CorpusError] = []
    for path in paths {
      var options = ReaderOptions()
      options.tagLayer = layer
      options.requiresTag = false  // the layer is what the tagger fills in
      options.skipMalformed = skipMalformed
      options.labelKey = tagger.heads.label?.key  // a label there is replaced by the model's
      xml.apply(to: &options)
      var reader = try makeSentenceReader(path: path, format: format, options: options)
      var batch: [Sentence] = []
      var tokenCount = 0
      while let sentence = try reader.next() {
        tokenCount += sentence.tokens.count
        batch.append(sentence)
        if batch.count >= linesReadAhead {
          try writeTagged(
            batch, tagger: tagger, decoding: decoding, layer: layer, path: path,
            outputFormat: outputFormat, writer: &writer)
          batch.removeAll(keepingCapacity: true)
        }
      }
      try writeTagged(
        batch, tagger: tagger, decoding: decoding, layer: layer, path: path,
        outputFormat: outputFormat, writer: &writer)
      skipped += reader.skippedErrors
      // Zero sentences tagged is never a silent success (a wrong --input, an empty file).
      guard tokenCount > 0 else {
        reportSkipped(skipped)
        throw CorpusOptions.noSentences(in: path, format: format)
      }
    }
    try writer.finish()
    reportSkipped(skipped)
  }

  /// The format corpus input is written in without `--output`: its own, unless that is
  /// labelled lines and the model tags words, whose tags that format has no place for: then
  /// word/TAG, which keeps each line's label before the words. (Plain text never comes here.)
  static func defaultOutput(for format: CorpusFormat, tagger: TaggerModel) -> CorpusFormat {
    format == .labeled && tagger.heads.tags != nil ? .wordTag : format
  }

  /// The confidence figures `--probs` and `--top K` ask for.
  var confidence: ConfidenceDetail { ConfidenceDetail(probability: probs, topCount: top ?? 0) }

  private func writeTagged(
    _ sentences: [Sentence], tagger: TaggerModel, decoding: Decoding, layer: LayerSelector,
    path: String, outputFormat: CorpusFormat,
    writer: inout any SentenceWriter
  ) throws {
    // A sentence without the model's layer gets a column for it, named as `tag` names its
    // predictions in the output format when the layer is the format's default.
    let defaultName = Sentence.predictedTagColumn(for: outputFormat, modelLayer: layer)
    if tagger.heads.label != nil {
      try writeLabelled(
        sentences, tagger: tagger, decoding: decoding, layer: layer, path: path,
        defaultName: defaultName, writer: &writer)
      return
    }
    let inputs = try sentences.map { try tagger.input(for: $0, file: path) }
    let predictions = tagger.predictInWindows(
      inputs, decoding: decoding, maxLength: maxSentenceLength, topK: max(top ?? 1, 1),
      computesProbabilities: !confidence.isEmpty, threads: threads)
    let additionalLayers = tagger.heads.outputLayers.dropFirst()
    for (sentence, sentencePredictions) in zip(sentences, predictions) {
      var tagged = sentence
      let column = try layer.column(fillingIn: &tagged, file: path, defaultName: defaultName)
      // A several-layer model fills each of its layers' columns (XPOS, FEATS beside UPOS).
      let layerColumns = try additionalLayers.map {
        try $0.column(fillingIn: &tagged, file: path)
      }
      for (index, prediction) in sentencePredictions.enumerated() {
        tagged.tokens[index].values[column] = prediction.tag
        for (layerColumn, tag) in zip(layerColumns, prediction.layerTags) {
          tagged.tokens[index].values[layerColumn] = tag
        }
      }
      if !confidence.isEmpty { tagged.tagConfidences = sentencePredictions.map(\.confidence) }
      try writer.write(tagged, readFrom: path)
    }
  }
}
