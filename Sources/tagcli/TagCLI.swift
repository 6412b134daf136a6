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
      ConvertCommand.self, CalibrateCommand.self, LanguageModelCommand.self, GenerateCommand.self,
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
      FileHandle.standardError.write(Data("Cell kernels: \(CellKernelLevel.active.rawValue)\n".utf8))
    }
    main(nil)
  }
}
