import Testing

@testable import Tagger
@testable import tagcli

/// `--min-updates` raises the epoch cap to a number of updates; without it training counts
/// epochs only.
@Suite struct MinimumUpdatesOptionTests {
  func options(_ arguments: [String]) throws -> TrainingOptions {
    let command = try #require(try TagCLI.parseAsRoot(["train", "t.conllu"] + arguments) as? TrainCommand)
    return command.network.trainingOptions().0
  }

  @Test func theOptionSetsTheMinimum() throws {
    #expect(try options([]).minimumUpdates == 0)
    #expect(try options([]).maxEpochs == 20)
    #expect(try options(["--epochs", "3", "--min-updates", "50"]).minimumUpdates == 50)
    #expect(try options(["--epochs", "3", "--min-updates", "50"]).epochLimit(updatesPerEpoch: 4) == 13)
    #expect(throws: (any Error).self) { try TagCLI.parseAsRoot(["train", "t.conllu", "--min-updates=-1"]) }
  }
}
