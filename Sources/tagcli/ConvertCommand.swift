import ArgumentParser
import Corpora
import Foundation

/// `tagcli convert`: rewrites corpus files in another format, one sentence at a time.
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert corpus files to another format.",
    discussion: """
      The input format is detected per file (or given with --format); the output format comes \
      from --to or the output file's extension (.conllu, .conll, .conllx, .pos, .tsv, .jsonl, \
      .xml). Columns are mapped by name, e.g. a column file's pos becomes CoNLL-U xpos. --tag \
      chooses the tag written by wordtag and penn (and restricts tsv to word and tag). The \
      output appears only when the whole conversion succeeded, and never over an input.
      """)

  @OptionGroup var corpus: CorpusOptions

  @Option(name: .shortAndLong, help: "Output file ('-' writes standard output).")
  var output: String

  @Option(name: .long, help: "Output format; from the output's extension when omitted.")
  var to: WritableFormat?

  @Argument(help: "Corpus files ('-' reads standard input).")
  var files: [String]

  func validate() throws {
    try corpus.requireOneLayer(command: "convert")
    if to == nil && CorpusFormat.fromExtension(of: output) == nil {
      throw ValidationError(
        "cannot tell the output format from \"\(output)\"; give --to")
    }
  }

  /// The output format: `--to`, else the output's extension.
  var outputFormat: CorpusFormat? { to?.format ?? CorpusFormat.fromExtension(of: output) }

  func run() throws {
    guard let format = outputFormat else { throw ValidationError("give --to") }
    try OutputGuard.refuseOverwriting(
      inputs: files, outputs: [.init(option: "-o", path: output, kind: .text)])
    var writerOptions = WriterOptions()
    writerOptions.tagLayer = corpus.layer
    let sink = try TextOutput(path: output)
    var writer = try makeSentenceWriter(format: format, output: sink, options: writerOptions)
    var skipped: [CorpusError] = []
    for file in files {
      skipped += try corpus.readSentences(of: file) { try writer.write($0, readFrom: file) }
    }
    try writer.finish()
    try sink.close()
    reportSkipped(skipped)
  }
}
