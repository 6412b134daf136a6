import Foundation
import Testing

@testable import tagcli

/// A check that fails after parsing (in `run()`) prints its message and the subcommand's help
/// hint, not the root command's usage.
struct RunErrorUsageTests {
  @Test func aValidationErrorFromRunNamesTheSubcommandNotTheRootUsage() throws {
    let corpus = try CorpusCommandSupport.fixture("labels-tiny.conllu")
    let result = try CorpusCommandSupport.run(
      ["train", corpus, "--tag", "upos", "-o", CorpusCommandSupport.neverWrittenPath("tagger")])
    #expect(result.status == 64, "\(result.stderr)")
    #expect(
      result.stderr.hasPrefix(
        "Error: no dev sentences: every 10th training sentence is held out without --dev, and 5"
          + " sentences leave none; give --dev FILE\n"), "\(result.stderr)")
    #expect(result.stderr.hasSuffix("  See 'tagcli train --help' for more information.\n"))
    #expect(!result.stderr.contains("Usage: tagcli <subcommand>"), "\(result.stderr)")
  }

  @Test func nestedCommandsAreNamedByTheirPath() {
    #expect(TagCLI.commandPath(of: LanguageModelTrainCommand.self) == ["lm", "train"])
    #expect(TagCLI.commandPath(of: TrainCommand.self) == ["train"])
    #expect(TagCLI.commandPath(of: TagCLI.self) == nil)
  }
}
