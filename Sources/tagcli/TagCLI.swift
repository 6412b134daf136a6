import ArgumentParser
import Foundation
import Tagger

/// The `tagcli` command: train, run and evaluate sequence taggers on treebanks.
@main
struct TagCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tagcli",
    abstract: "Train, run and evaluate deep bidirectional RNN taggers on treebanks.",
    subcommands: [
      TrainCommand.self, TagCommand.self, EvalCommand.self, StatsCommand.self,
      ConvertCommand.self, CalibrateCommand.self, EnsembleCommand.self, LanguageModelCommand.self,
      GenerateCommand.self,
      ServeCommand.self,
    ])

  /// Picks OpenBLAS's vector kernels (re-executing once if it fell back to SSE ones), keeps freed
  /// memory for reuse, then runs the command. `TAGCLI_PRINT_BLAS_CORE=1` prints the BLAS kernel
  /// set and the cell kernels' instruction set (`CellKernelLevel`) on standard error.
  static func main() {
    BLASKernelSelection.reexecuteWithBetterKernelsIfNeeded()
    AllocatorTuning.keepFreedMemoryForReuse()
    if ProcessInfo.processInfo.environment["TAGCLI_PRINT_BLAS_CORE"] == "1" {
      FileHandle.standardError.write(
        Data("BLAS kernels: \(BLASKernelSelection.loadedCoreName)\n".utf8))
      FileHandle.standardError.write(
        Data("Cell kernels: \(CellKernelLevel.active.rawValue)\n".utf8))
    }
    var command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exit(withError: error)
    }
    do {
      try command.run()
    } catch let error as ValidationError {
      // A check made after parsing (a file, a combination of options): the message and the
      // command's help, not the usage of the root command that ArgumentParser would print.
      let name = (["tagcli"] + (commandPath(of: type(of: command)) ?? [])).joined(separator: " ")
      FileHandle.standardError.write(
        Data("Error: \(error.message)\n  See '\(name) --help' for more information.\n".utf8))
      Foundation.exit(ExitCode.validationFailure.rawValue)
    } catch {
      type(of: command).exit(withError: error)
    }
  }

  /// The words naming `command` below `root` (`["lm", "train"]`), from the subcommand tree; nil
  /// when it is not there.
  static func commandPath(
    of command: ParsableCommand.Type, under root: ParsableCommand.Type = TagCLI.self
  ) -> [String]? {
    for subcommand in root.configuration.subcommands {
      let name = subcommand.configuration.commandName ?? "\(subcommand)"
      if ObjectIdentifier(subcommand) == ObjectIdentifier(command) { return [name] }
      if let rest = commandPath(of: command, under: subcommand) { return [name] + rest }
    }
    return nil
  }
}
