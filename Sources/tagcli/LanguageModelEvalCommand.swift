import ArgumentParser
import Foundation
import Tagger

/// `tagcli lm eval`: bits per character and perplexity of a language model on text.
struct LanguageModelEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Score a character language model: bits per character and perplexity (<eos> counted)."
  )

  @OptionGroup var corpus: CorpusOptions

  @Option(name: [.short, .customLong("model")], help: "The language model file.")
  var modelPath: String

  @Argument(help: "Files to score: plain text (one line per sequence) or corpora.")
  var files: [String]

  @Flag(help: "Print bits_per_char, perplexity, characters and lines as JSON.")
  var json = false

  func run() throws {
    let model = try LanguageModelFile.loadForInference(from: modelPath)
    let lines = try TextLineInput.lines(of: files, corpus: corpus)
    let score = model.score(lines, threads: min(ProcessInfo.processInfo.activeProcessorCount, 2))
    if json {
      print(
        String(
          format:
            "{\"bits_per_char\": %.6f, \"characters\": %d, \"lines\": %d, \"perplexity\": %.6f}",
          score.bitsPerCharacter, score.characters, score.lines, score.perplexity))
    } else {
      print(
        String(
          format: "%.4f bits/char  perplexity %.4f  %d characters (%d lines, <eos> counted)",
          score.bitsPerCharacter, score.perplexity, score.characters, score.lines))
    }
  }
}
