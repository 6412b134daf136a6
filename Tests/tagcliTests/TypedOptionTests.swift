import Foundation
import Testing

@testable import tagcli

/// Choices offered on the command line are enums: `--help` and the error for a wrong value list
/// the valid values; a multiword range past its sentence and dev tags unknown to training are
/// reported.
@Suite struct TypedOptionTests {
  @Test(arguments: [
    (["train", "--help"], "--cell <cell>", "(values: lstm, gru, rnn"),
    (["train", "--help"], "--optimizer <optimizer>", "(values: adam, sgd"),
    (["eval", "--help"], "--scheme <scheme>", "none)"),
    (["tag", "--help"], "--output <output>", "(values: wordtag, tsv, conllu, json, tiger"),
    (["stats", "--help"], "--format <format>", "(values: conllu, conllx,"),
  ])
  func helpListsTheValidValues(arguments: [String], option: String, values: String) throws {
    let help = try CorpusCommandSupport.run(arguments).stdout
    let start = try #require(help.range(of: option, options: .backwards), "\(help)")
    let section = help[start.lowerBound...].prefix(400).replacingOccurrences(of: "\n", with: " ")
      .split(separator: " ").joined(separator: " ")
    #expect(section.contains(values), "\(section)")
  }

  /// An infinite rate or limit is refused before training, not after the first epoch when the
  /// checkpoint (JSON) cannot hold it.
  @Test(arguments: [
    (["train", "t.conllu", "--lr", "inf"], "--lr must be a positive number"),
    (["train", "t.conllu", "--clip", "inf"], "--clip must be a number, 0 or more"),
    (["train", "t.conllu", "--max-time", "inf"], "--max-time must be a number, 0 or more"),
    (["train", "t.conllu", "--word-dropout", "inf"], "--word-dropout must be a number"),
    (["lm", "train", "t.txt", "--lr", "inf"], "--lr must be a positive number"),
    (["lm", "train", "t.txt", "--clip", "inf"], "--clip and --max-time numbers"),
    (["lm", "train", "t.txt", "--max-time", "inf"], "--clip and --max-time numbers"),
  ])
  func infiniteNumbersAreRefused(arguments: [String], message: String) {
    #expect {
      _ = try TagCLI.parseAsRoot(arguments + ["-o", "m.model"])
    } throws: { error in
      TagCLI.message(for: error).contains(message)
    }
  }

  @Test func parsedOptionsAreEnums() throws {
    let train = try #require(
      try TagCLI.parseAsRoot(["train", "t.conllu", "--cell", "gru", "--optimizer", "sgd"])
        as? TrainCommand)
    #expect(train.network.cell == .gru && train.network.optimizer == .sgd)
    let eval = try #require(
      try TagCLI.parseAsRoot(["eval", "g.conllu", "--pred", "p.conllu", "--scheme", "none"])
        as? EvalCommand)
    #expect(eval.scheme == ChunkSchemeChoice.none && eval.forcedScheme == nil)
  }

  @Test func multiwordRangePastTheSentenceIsRejected() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("mwt.conllu").path
      let lines = [
        "1-9\tdon't\t_\t_\t_\t_\t_\t_\t_\t_", "1\tdo\tdo\tAUX\t_\t_\t_\t_\t_\t_",
        "2\tn't\tnot\tPART\t_\t_\t_\t_\t_\t_", "3\tgo\tgo\tVERB\t_\t_\t_\t_\t_\t_", "", "",
      ]
      try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
      let result = try CorpusCommandSupport.run(["stats", path])
      #expect(result.status == 1)
      #expect(result.stderr.contains("\(path):1: bad token ID"), "\(result.stderr)")
      #expect(result.stderr.contains("1-9"))
    }
  }

  @Test func devTagsUnknownToTrainingAreWarnedAbout() throws {
    let train = try CorpusCommandSupport.fixture("train-tiny.conllu")
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let dev = directory.appendingPathComponent("dev.conllu").path
      let text = try String(contentsOfFile: train, encoding: .utf8)
        .replacingOccurrences(of: "\tNOUN\t", with: "\tNN\t")
      try Data(text.utf8).write(to: URL(fileURLWithPath: dev))
      let model = directory.appendingPathComponent("m.tagger").path
      let result = try CorpusCommandSupport.run(
        [
          "train", train, "--dev", dev, "-o", model, "--epochs", "1", "--hidden", "4", "--seed",
          "1",
        ])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(
        result.stderr.contains("have tags that training never shows: NN ("), "\(result.stderr)")
    }
  }
}
