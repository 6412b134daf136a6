import ArgumentParser

/// The `tagcli` command: train, run and evaluate sequence taggers on treebanks.
@main
struct TagCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tagcli",
    abstract: "Train, run and evaluate deep bidirectional RNN taggers on treebanks.",
    subcommands: [
      TrainCommand.self, TagCommand.self, EvalCommand.self, StatsCommand.self,
      ConvertCommand.self, LanguageModelCommand.self, GenerateCommand.self, ServeCommand.self,
    ])
}
