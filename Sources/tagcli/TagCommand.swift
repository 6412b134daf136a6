import ArgumentParser
import Corpora
import Foundation
import Tagger

/// `tagcli tag`: tags text with a trained model.
struct TagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag",
    abstract: "Tag sentences (one per line from stdin or files, or a corpus file) with a model.")

  @OptionGroup var model: ModelOptions
  @OptionGroup(title: "Decoding") var decodingOptions: DecodingOptions

  @Argument(help: "Input files (default: standard input).")
  var files: [String] = []

  @Flag(help: "Input is already tokenised: split on whitespace only.")
  var pretokenized = false

  @Option(
    help:
      "Read a corpus format (conllu, conllx, columns, tiger, …) instead of raw lines; the tag layer is filled in, everything else is kept."
  )
  var input: CorpusFormat?

  @Option(
    help:
      "Tag layer to fill in corpus input (default: the model's first layer; a model of several layers also fills the columns named after its others, such as xpos, feats and lemma)."
  )
  var tag: LayerSelector?

  @OptionGroup var xml: XMLMappingOptions

  @Flag(help: "With --input: skip malformed sentences, counting them, instead of stopping.")
  var skipMalformed = false

  @Option(help: "Output format (corpus input defaults to its own format).")
  var output: TagOutputFormat?

  @Option(
    name: [.customShort("o"), .customLong("output-file")],
    help: "Write here instead of standard output (it appears only when tagging succeeded).")
  var outputFile = "-"

  @Flag(help: "Add the probability of each chosen tag.")
  var probs = false

  @Option(help: "Add the K most probable tags with their probabilities.")
  var top: Int?

  @Option(
    help:
      "Lines read ahead and tagged together, in length-sorted groups of 32 (default: 256 per thread)."
  )
  var batchSize: Int?

  /// The lines read ahead: enough for each thread to take several groups of 32 per read.
  var linesReadAhead: Int { batchSize ?? 256 * threads }

  @Option(
    help:
      "Sentences longer than this many words are tagged in overlapping windows of this length (memory stays bounded)."
  )
  var maxSentenceLength = 300

  @Option(
    help:
      "Threads tagging batches at once (default: all cores; reading and writing run beside them); the output is the same for any number."
  )
  var threads = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    if skipMalformed && input == nil {
      throw ValidationError(
        "--skip-malformed goes with --input FORMAT (raw lines are never malformed)")
    }
    if input == .plain {
      // The plain writer has no place for tags or labels: the answer would be the input itself.
      throw ValidationError(
        "--input plain: tag reads plain text without --input (a sentence per line); drop it")
    }
    if xml.isGiven && input != .xml {
      throw ValidationError("the XML mapping (--xml-sentence, --xml-token) needs --input xml")
    }
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    guard (batchSize ?? 1) >= 1 else { throw ValidationError("--batch-size must be positive") }
    guard maxSentenceLength >= 1 else {
      throw ValidationError("--max-sentence-length must be positive")
    }
  }

  func run() throws {
    let path = try model.resolvedPath()
    try OutputGuard.refuseOverwriting(
      inputs: files + [path], outputs: [.init(option: "-o", path: outputFile, kind: .text)])
    var tagger = try ModelFile.loadForInference(from: path)
    if threads == 1 { tagger = tagger.singleThreaded }
    let decoding = try decodingOptions.decoding(for: tagger)
    let out = try TextOutput(path: outputFile)
    if let input {
      try tagCorpus(format: input, with: tagger, decoding: decoding, to: out)
    } else {
      try refuseRawText(for: tagger)
      try refuseCorporaAsRawText()
      let format = output ?? .wordtag
      var writer = try TaggedLineWriter(
        format: format, output: out,
        confidence: confidence,
        model: tagger)
      let tokenizer: any Tokenizer = pretokenized ? WhitespaceTokenizer() : EnglishTokenizer()
      let names = files.isEmpty ? ["<stdin>"] : files
      let handles = try files.isEmpty ? [standardInput()] : files.map(openHandle)
      for (handle, name) in zip(handles, names) {
        try tagLines(
          from: handle, name: name, tokenizer: tokenizer, tagger: tagger, decoding: decoding,
          writer: &writer)
      }
      try writer.finish()
    }
    try out.close()
  }

  /// Raw text lines have no columns: a model that reads input features needs corpus input.
  ///
  /// - Throws: `CorpusError` at line 1 of the first input naming the missing columns.
  private func refuseRawText(for tagger: TaggerModel) throws {
    guard !tagger.featureLayers.isEmpty else { return }
    throw CorpusError(
      .invalidContent(
        "the model reads the input column(s) \(tagger.featureLayers.map(\.description).joined(separator: ", ")), "
          + "which raw text lines do not have; give a corpus with --input (conllu, columns, …)"),
      file: files.first ?? "-", line: 1)
  }

  /// A corpus file read as raw lines would have its columns or markup tagged as words: refused,
  /// naming the `--input` that reads it (standard input is still read as text).
  ///
  /// - Throws: `CorpusError` naming the file, and the line when its content gave it away.
  private func refuseCorporaAsRawText() throws {
    for file in files where file != "-" {
      guard let found = try CorpusFormat.evidentCorpus(inTextFile: file) else { continue }
      let input =
        switch found.format {
        case .tiger: "--input tiger, tei, alpino or xml (with --xml-sentence and --xml-token)"
        case .conllx: "--input conllx (or columns, for a CoNLL-2000 style column file)"
        case .tsv: "--input tsv (or labeled, for label<TAB>text lines)"
        default: "--input \(found.format.rawValue)"
        }
      throw CorpusError(
        .invalidContent(
          "this is a corpus file (\(found.evidence)), not raw text; give \(input) to tag it, "
            + "or pipe it on standard input to tag its lines as text"),
        file: file, line: found.line)
    }
  }

  private func openHandle(_ path: String) throws -> FileHandle {
    if path == "-" { return try standardInput() }  // as the corpus readers read it
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw CorpusError(.io("no such file"), file: path)
    }
    guard !isFolder.boolValue else { throw CorpusError(.io("is a folder, not a file"), file: path) }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CorpusError(.io("cannot open file for reading"), file: path)
    }
    return handle
  }

  /// Standard input, when it is open.
  private func standardInput() throws -> FileHandle {
    try refuseClosedStandardInput(advice: "give input files or pipe text in")
    return FileHandle.standardInput
  }

  /// Tags lines as they arrive: lines already waiting are batched; when no more input is
  /// waiting, the batch is tagged and flushed at once, so typed lines are answered promptly.
  ///
  /// While one full read-ahead window is tagged on other threads, the next is read and
  /// tokenized and the previous one written (`TaggingWindow`), so reading and writing overlap
  /// the network; windows are written in input order.
  private func tagLines(
    from handle: FileHandle, name: String, tokenizer: any Tokenizer, tagger: TaggerModel,
    decoding: Decoding,
    writer: inout TaggedLineWriter
  ) throws {
    var input = StreamingLineInput(handle: handle, name: name)
    var pending: [[String]] = []
    var wordCount = 0
    var inFlight: TaggingWindow?
    /// Writes a window's lines, once tagged.
    func write(_ window: TaggingWindow) throws {
      for (words, prediction) in zip(window.lines, window.waitForPredictions()) {
        try writer.write(words: words, predictions: prediction)
      }
      try writer.flush()
    }
    /// Starts tagging the pending lines, then writes the window started before them (so that
    /// writing overlaps tagging); with `waits`, also writes the new window before returning.
    func flushPending(waits: Bool) throws {
      let previous = inFlight
      inFlight = nil
      if tagger.heads.label != nil {
        if let previous { try write(previous) }
        if !pending.isEmpty {
          try writeWithLabels(pending, tagger: tagger, decoding: decoding, writer: &writer)
        }
        pending.removeAll(keepingCapacity: true)
        return
      }
      if !pending.isEmpty {
        inFlight = TaggingWindow(
          lines: pending, tagger: tagger, decoding: decoding, maxLength: maxSentenceLength,
          topK: max(top ?? 1, 1), computesProbabilities: !confidence.isEmpty, threads: threads)
        pending.removeAll(keepingCapacity: true)
      }
      if let previous { try write(previous) }
      if waits, let current = inFlight {
        inFlight = nil
        try write(current)
      }
    }
    while true {
      while let line = try input.bufferedLine() {
        let words = tokenizer.tokenize(line)
        try refuseOverlongLabelledSentence(
          wordCount: words.count, tagger: tagger, file: name, line: input.lineNumber)
        wordCount += words.count
        if isLongLine(words, tagger: tagger, writer: writer) {
          try flushPending(waits: true)
          try tagLongLine(words, tagger: tagger, decoding: decoding, writer: &writer)
          continue
        }
        pending.append(words)
        if pending.count >= linesReadAhead { try flushPending(waits: false) }
      }
      if input.isAtEnd { break }
      if !input.hasWaitingInput { try flushPending(waits: true) }
      try input.fill()
    }
    try flushPending(waits: true)
    // Blank lines are answered with blank lines, but an input with no word at all is an error,
    // not a silent empty result.
    guard wordCount > 0 else {
      throw CorpusError(
        .invalidContent("no text to tag (the input is empty or holds only blank lines)"),
        file: name)
    }
  }
}

/// One read-ahead window of lines being tagged on a background thread (which itself runs the
/// window's batches on `threads` threads).
private final class TaggingWindow: @unchecked Sendable {
  let lines: [[String]]
  private let done = DispatchGroup()
  /// Written once by the background work, read only after `done` is reached.
  private var predictions: [[TagPrediction]] = []

  init(
    lines: [[String]], tagger: TaggerModel, decoding: Decoding, maxLength: Int, topK: Int,
    computesProbabilities: Bool, threads: Int
  ) {
    self.lines = lines
    DispatchQueue.global().async(group: done) { [self] in
      predictions = tagger.predictInWindows(
        lines.map { TaggerInput(words: $0) }, decoding: decoding, maxLength: maxLength,
        topK: topK, computesProbabilities: computesProbabilities, threads: threads)
    }
  }

  /// The window's predictions, waiting for the tagging to finish.
  func waitForPredictions() -> [[TagPrediction]] {
    done.wait()
    return predictions
  }
}
