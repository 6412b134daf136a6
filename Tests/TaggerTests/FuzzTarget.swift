import Corpora
import Foundation
import Tagger

/// One fuzz target: a reader, format detection, the model loader or the tokenizer, fed raw bytes.
///
/// The libFuzzer harness in `Fuzz/` and the regression test `FuzzRegressionTests` share this file
/// (`Fuzz/Sources/tagfuzz/FuzzTarget.swift` is a symbolic link to it), so a crash found by the
/// fuzzer is replayed through exactly the same code by the normal test suite.
enum FuzzTarget: String, CaseIterable, Sendable {
  case conllu, conllx, columns, wordtag, plain, tsv, jsonl, tiger, nps, tei, alpino, xml
  case detect, model, tokenizer

  /// Feeds `bytes` to the target through the public API, as a file at `scratchPath` (which is
  /// overwritten). Returns normally or throws; any other outcome (a trap, a sanitizer report,
  /// unbounded memory) is a bug.
  func run(_ bytes: [UInt8], scratchPath: String) throws {
    if self == .tokenizer {
      _ = EnglishTokenizer().tokenize(String(decoding: bytes, as: UTF8.self))
      return
    }
    try Data(bytes).write(to: URL(fileURLWithPath: scratchPath))
    switch self {
    case .detect:
      let format = try CorpusFormat.detect(path: scratchPath)
      try drain(format: format, path: scratchPath, options: ReaderOptions())
    case .model:
      let model = try ModelFile.load(from: scratchPath)
      _ = model.predict([["The", "fuzzer", "ran", "."], [String(repeating: "x", count: 40)]])
    case .wordtag:
      try drain(format: .wordTag, path: scratchPath, options: ReaderOptions())
      try drain(format: .penn, path: scratchPath, options: ReaderOptions())
    default:
      try drain(format: readerFormat, path: scratchPath, options: readerOptions)
    }
  }

  /// The format a reader target opens its input as.
  private var readerFormat: CorpusFormat {
    switch self {
    case .conllu: return .conllu
    case .conllx: return .conllx
    case .columns: return .columns
    case .plain: return .plain
    case .tsv: return .tsv
    case .jsonl: return .jsonl
    case .tiger, .nps: return .tiger
    case .tei: return .tei
    case .alpino: return .alpino
    default: return .xml
    }
  }

  /// Reader options: the generic XML target maps `<s>` sentences of `<w pos="…">` tokens.
  private var readerOptions: ReaderOptions {
    var options = ReaderOptions()
    if self == .xml {
      options.xmlSentenceElement = "s"
      options.xmlTokenElement = "w"
      options.xmlTagAttribute = "pos"
    }
    return options
  }

  /// Reads every sentence, touching each token so that lazily built values are built.
  private func drain(format: CorpusFormat, path: String, options: ReaderOptions) throws {
    var reader = try makeSentenceReader(path: path, format: format, options: options)
    while let sentence = try reader.next() {
      _ = sentence.forms.reduce(0) { $0 &+ $1.utf8.count }
    }
  }
}
