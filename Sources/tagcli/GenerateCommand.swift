import ArgumentParser
import Foundation
import Tagger

/// `tagcli generate`: samples lines from a character language model.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate lines with a character language model (tagcli lm train).",
    discussion: """
      Feeds <bos> and the prefix, then one character at a time until <eos> or --max-length. \
      Sampling is multinomial at --temperature (0 is greedy), optionally from the --top-k most \
      probable characters; --greedy takes the most probable character; --beam K prints the K most \
      probable complete lines. Each output line is the prefix plus the generated text.
      """)

  @Option(name: [.short, .customLong("model")], help: "The language model file.")
  var modelPath: String

  @Option(name: .short, help: "Lines to generate (not with --beam, which prints K lines).")
  var n: Int?

  @Option(help: "Most characters generated per line (the prefix and <eos> not counted).")
  var maxLength = 300

  @Option(help: "Text every line starts with; the model is conditioned on it.")
  var prefix = ""

  @Option(help: "Sampling temperature: higher is closer to uniform, 0 is greedy.")
  var temperature: Float = 1

  @Option(help: "Sample only among the K most probable characters.")
  var topK: Int?

  @Flag(help: "Take the most probable character at every step.")
  var greedy = false

  @Option(help: "Beam search: print the K most probable complete lines.")
  var beam: Int?

  @Option(help: "Random seed (default: picked at random and printed on standard error).")
  var seed: UInt64?

  @Flag(help: "One JSON object per line: text, log_probability, length, complete.")
  var json = false

  func validate() throws {
    guard temperature.isFinite, temperature >= 0 else {
      throw ValidationError("--temperature must be 0 (greedy) or positive; got \(temperature)")
    }
    if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1; got \(topK)") }
    if let n, n < 1 { throw ValidationError("-n must be at least 1; got \(n)") }
    guard maxLength >= 1 else { throw ValidationError("--max-length must be at least 1") }
    if let beam {
      guard beam >= 1 else { throw ValidationError("--beam must be at least 1; got \(beam)") }
      guard n == nil else { throw ValidationError("--beam K prints K lines; drop -n") }
      guard !greedy, topK == nil, temperature == 1 else {
        throw ValidationError("--beam cannot be combined with --greedy, --top-k or --temperature")
      }
    }
    if greedy && (topK != nil || temperature != 1) {
      throw ValidationError("--greedy cannot be combined with --top-k or --temperature")
    }
    if !json, prefix.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
      throw ValidationError(
        "--prefix holds a line break, which would split every generated line in two; "
          + "give --json to keep it (its text is escaped)")
    }
  }

  func run() throws {
    let model = try LanguageModelFile.loadForInference(from: modelPath)
    let prefixSymbols = model.symbols(of: prefix)
    for (scalar, symbol) in zip(prefix.unicodeScalars, prefixSymbols)
    where symbol == CharacterVocabulary.unknownID {
      warn(
        "warning: --prefix character \"\(scalar.escaped(asASCII: false))\" (U+\(String(scalar.value, radix: 16, uppercase: true))) is not in the model's vocabulary; it is fed as <unk>"
      )
    }
    let sequences: [GeneratedSequence]
    if let beam {
      sequences = model.beamSearch(prefix: prefixSymbols, width: beam, maxLength: maxLength)
    } else {
      let seed = seed ?? UInt64.random(in: 1..<1 << 31)
      if self.seed == nil { warn("seed \(seed) (picked at random; pass --seed to repeat)") }
      var rng = SplitMix64(seed: seed)
      let strategy: SamplingStrategy =
        greedy || temperature == 0 ? .greedy : .multinomial(temperature: temperature, topK: topK)
      sequences = model.generate(
        count: n ?? 1, prefix: prefixSymbols, strategy: strategy, maxLength: maxLength, using: &rng)
    }
    for sequence in sequences { print(try render(sequence, model: model)) }
  }

  private func render(_ sequence: GeneratedSequence, model: CharacterLanguageModel) throws
    -> String
  {
    let text = prefix + model.text(of: sequence.symbols)
    guard json else { return text }
    let quoted = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
    return String(
      format: "{\"complete\": %@, \"length\": %d, \"log_probability\": %.6f, \"text\": %@}",
      sequence.isComplete ? "true" : "false", sequence.symbols.count, sequence.logProbability,
      quoted)
  }

  private func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}
