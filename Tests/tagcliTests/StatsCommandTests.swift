import Testing

@testable import tagcli

@Suite struct StatsCommandTests {
  @Test func rejectsUnknownFormat() throws {
    #expect(throws: (any Error).self) {
      _ = try TagCLI.parseAsRoot(["stats", "--format", "nope", "x.conllu"])
    }
  }
}
