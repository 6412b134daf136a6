import ArgumentParser
import Corpora
import Tagger

extension TagCommand {
  /// Tags a corpus file: reads sentences in `format`, fills the tag layer, keeps everything else,
  /// and writes the result in the output format (by default the input's own).
  func tagCorpus(format: CorpusFormat, with tagger: TaggerModel, to out: TextOutput) throws {
    let outputFormat =
      output.map {
        $0 == .json ? CorpusFormat.jsonl : CorpusFormat(rawValue: $0.rawValue) ?? format
      }
      ?? format
    let layer = LayerSelector(parsing: tag ?? tagger.provenance.tagLayer)
    var writerOptions = WriterOptions()
    writerOptions.tagLayer = layer
    var writer = try makeSentenceWriter(format: outputFormat, output: out, options: writerOptions)
    let paths = files.isEmpty ? ["-"] : files
    for path in paths {
      var options = ReaderOptions()
      options.tagLayer = layer
      options.requiresTag = false  // the layer is what the tagger fills in
      xml.apply(to: &options)
      var reader = try makeSentenceReader(path: path, format: format, options: options)
      var batch: [Sentence] = []
      while let sentence = try reader.next() {
        batch.append(sentence)
        if batch.count >= batchSize {
          try writeTagged(batch, tagger: tagger, layer: layer, path: path, writer: &writer)
          batch.removeAll(keepingCapacity: true)
        }
      }
      try writeTagged(batch, tagger: tagger, layer: layer, path: path, writer: &writer)
    }
    try writer.finish()
  }

  private func writeTagged(
    _ sentences: [Sentence], tagger: TaggerModel, layer: LayerSelector, path: String,
    writer: inout any SentenceWriter
  ) throws {
    let tags = tagger.tagInBatches(sentences.map(\.forms))
    for (sentence, sentenceTags) in zip(sentences, tags) {
      var tagged = sentence
      guard let column = layer.columnIndex(in: sentence) else {
        throw CorpusError(
          .missingTagLayer(layer.description), file: path, line: sentence.sourceLine,
          excerpt: "columns: " + sentence.columnNames.joined(separator: " "))
      }
      for (index, tag) in sentenceTags.enumerated() { tagged.tokens[index].values[column] = tag }
      try writer.write(tagged)
    }
  }
}
