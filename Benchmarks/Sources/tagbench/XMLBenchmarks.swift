import Corpora
import Foundation

/// Reading throughput of the TIGER-XML and TEI readers on files written by our writers from EWT
/// train repeated 5× (1,022,885 tokens; every CoNLL-U column becomes an attribute).
func runXMLBenchmarks() throws {
  guard let data = sharedDataPath() else {
    print("xml: ../shared/data missing, skipped")
    return
  }
  var source = try CoNLLUReader(path: data + "/ud/en_ewt/en_ewt-ud-train.conllu")
  let sentences = try source.readAll()
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("tagbench-xml-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  for format in [CorpusFormat.tiger, .tei] {
    let path = directory.appendingPathComponent("ewt-train-5x-\(format.rawValue).xml").path
    try writeRepeated(sentences, times: 5, format: format, to: path)
    let name = "xml read \(format.rawValue) EWT train ×5"
    if format == .tiger {
      try reportReadingThroughput(name, path: path, runs: 3) { try TigerXMLReader(path: path) }
    } else {
      try reportReadingThroughput(name, path: path, runs: 3) { try TEIReader(path: path) }
    }
  }
}

/// Writes `sentences` `times` times over with the XML writer for `format`.
private func writeRepeated(
  _ sentences: [Sentence], times: Int, format: CorpusFormat, to path: String
) throws {
  let output = try TextOutput(path: path)
  var writer: any SentenceWriter =
    format == .tei ? TEIWriter(output: output) : TigerXMLWriter(output: output)
  for repetition in 0..<times {
    for (index, sentence) in sentences.enumerated() {
      // Fresh sentence IDs per repetition: libxml2 rejects a repeated xml:id.
      var copy = sentence
      copy.attributes = [("id", "r\(repetition)s\(index + 1)")]
      try writer.write(copy)
    }
  }
  try writer.finish()
  try output.close()
}
