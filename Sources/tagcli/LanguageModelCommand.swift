import ArgumentParser
import Tagger

/// `tagcli lm`: train and evaluate character language models.
struct LanguageModelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lm",
    abstract: "Train and evaluate character-level language models (see also tagcli generate).",
    subcommands: [LanguageModelTrainCommand.self, LanguageModelEvalCommand.self])
}

extension DecoderInput: ExpressibleByArgument {}
