import Foundation
import Testing

/// tagcli never destroys or truncates a user's file: outputs that are inputs are refused before
/// anything is opened, outputs appear only on success, devices and FIFOs are written in place and
/// links are followed.
@Suite struct DataLossTests {
  private func copyFixture(_ name: String, to directory: URL, as newName: String? = nil) throws
    -> String
  {
    let path = directory.appendingPathComponent(newName ?? name).path
    try FileManager.default.copyItem(atPath: try CorpusCommandSupport.fixture(name), toPath: path)
    return path
  }

  private func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  @Test func convertRefusesToOverwriteItsInputAlsoThroughALink() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let input = try copyFixture("eval-gold.conllu", to: directory, as: "a.conllu")
      let before = contents(input)
      let result = try CorpusCommandSupport.run(["convert", input, "-o", input])
      #expect(result.status != 0)
      #expect(result.stderr.contains("is also an input"))
      #expect(contents(input) == before)
      let link = directory.appendingPathComponent("link.conllu").path
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
      let viaLink = try CorpusCommandSupport.run(["convert", input, "-o", link])
      #expect(viaLink.status != 0)
      #expect(contents(input) == before)
    }
  }

  @Test func failedConvertLeavesTheExistingOutputAlone() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let input = try copyFixture("eval-gold.conllu", to: directory, as: "a.conllu")
      let output = try copyFixture("eval-pred.conllu", to: directory, as: "keep.conllu")
      let before = contents(output)
      let missing = directory.appendingPathComponent("missing.conllu").path
      #expect(try CorpusCommandSupport.run(["convert", missing, "-o", output]).status != 0)
      #expect(contents(output) == before)
      let alpino = try CorpusCommandSupport.run(["convert", input, "--to", "alpino", "-o", output])
      #expect(alpino.status != 0)
      #expect(contents(output) == before)
      let fresh = directory.appendingPathComponent("fresh.xml").path
      #expect(try CorpusCommandSupport.run(["convert", missing, "-o", fresh]).status != 0)
      #expect(!FileManager.default.fileExists(atPath: fresh))
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(leftovers.sorted() == ["a.conllu", "keep.conllu"])
    }
  }

  /// Foundation traps on the folder of a one-character path; `tag -o t` and `convert -o c` in
  /// the working folder crashed with signal 4 instead of writing the file.
  @Test func aOneCharacterOutputNameIsWritten() throws {
    let name = "t"
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let gold = try CorpusCommandSupport.fixture("eval-gold.conllu")
      let converted = try CorpusCommandSupport.run(
        ["convert", gold, "--to", "conllu", "-o", name], in: directory)
      #expect(converted.status == 0, "\(converted.stderr)")
      let written = directory.appendingPathComponent(name).path
      #expect(contents(written) == contents(gold))
      try FileManager.default.removeItem(atPath: written)
      let tagged = try CorpusCommandSupport.run(
        ["tag", "-m", ShippedModelTests.modelPath, "-o", name], input: "The dog barks .\n",
        in: directory)
      #expect(tagged.status == 0, "\(tagged.stderr)")
      #expect(
        contents(written).map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("The/") == true)
    }
  }

  @Test func convertHelpListsOnlyWritableFormats() throws {
    let help = try CorpusCommandSupport.run(["convert", "--help"])
    let toLine = help.stdout.components(separatedBy: "--to").dropFirst().first ?? ""
    #expect(!toLine.prefix(200).contains("alpino"))
  }

  @Test func outputThroughALinkWritesTheTargetAndKeepsPermissions() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let input = try copyFixture("eval-gold.conllu", to: directory, as: "a.conllu")
      let target = try copyFixture("eval-pred.conllu", to: directory, as: "target.conllu")
      try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
      let link = directory.appendingPathComponent("link.conllu").path
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
      let result = try CorpusCommandSupport.run(["convert", input, "-o", link])
      #expect(result.status == 0, "\(result.stderr)")
      let linkType =
        try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType
      #expect(linkType == .typeSymbolicLink)
      #expect(contents(target) == contents(input))
      let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
      #expect(mode == 0o640)
    }
  }

  @Test func outputToAFIFOIsWrittenAsAStream() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let input = try copyFixture("eval-gold.conllu", to: directory, as: "a.conllu")
      let fifo = directory.appendingPathComponent("pipe").path
      #expect(mkfifo(fifo, 0o600) == 0)
      let reader = Process()
      reader.executableURL = URL(fileURLWithPath: "/bin/cat")
      reader.arguments = [fifo]
      let captured = Pipe()
      reader.standardOutput = captured
      try reader.run()
      let result = try CorpusCommandSupport.run(["convert", input, "--to", "conllu", "-o", fifo])
      if result.status != 0 {  // release cat, which waits for a writer
        let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
        if descriptor >= 0 { close(descriptor) }
      }
      let type = try FileManager.default.attributesOfItem(atPath: fifo)[.type] as? FileAttributeType
      #expect(type != .typeRegular, "the FIFO was replaced by a regular file")
      if type == .typeRegular { reader.terminate() }  // else cat would wait forever
      let data = captured.fileHandleForReading.readDataToEndOfFile()
      reader.waitUntilExit()
      #expect(result.status == 0, "\(result.stderr)")
      #expect(data == contents(input))
    }
  }

  @Test func trainRefusesModelOrCheckpointOverItsCorpus() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let corpus = try copyFixture("train-tiny.conllu", to: directory, as: "c.conllu")
      let before = contents(corpus)
      let common = ["train", corpus, "--epochs", "1", "--seed", "1", "--hidden", "4"]
      let model = directory.appendingPathComponent("m.tagger").path
      for extra in [
        ["-o", corpus], ["-o", model, "--checkpoint", corpus], ["--dev", corpus, "-o", corpus],
      ] {
        let result = try CorpusCommandSupport.run(common + extra)
        #expect(result.status != 0)
        #expect(result.stderr.contains("is also an input"), "\(result.stderr)")
        #expect(contents(corpus) == before)
      }
      #expect(!FileManager.default.fileExists(atPath: model))
    }
  }

  /// An existing file that is not one of the inputs is replaced only by output of its kind: a
  /// model over a model, text over text, a report over HTML. `train -o test.conllu` (a slip of
  /// the keyboard) replaced the corpus with a model, exit 0.
  @Test func anExistingFileOfAnotherKindIsRefused() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let corpus = try copyFixture("train-tiny.conllu", to: directory, as: "c.conllu")
      let other = try copyFixture("eval-gold.conllu", to: directory, as: "test.conllu")
      let pred = try copyFixture("eval-pred.conllu", to: directory, as: "p.conllu")
      let model = directory.appendingPathComponent("m.tagger").path
      try FileManager.default.copyItem(atPath: ShippedModelTests.modelPath, toPath: model)
      let notes = directory.appendingPathComponent("notes.txt").path
      try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: notes))
      let originals = [other, model, notes].map(contents)
      let train = ["train", corpus, "--epochs", "1", "--seed", "1", "--hidden", "4"]
      for (arguments, message) in [
        (train + ["-o", other], "-o \(other) is not a tagcli model or checkpoint"),
        (
          train + ["-o", model, "--checkpoint", notes],
          "--checkpoint \(notes) is not a tagcli model"
        ),
        (["lm", "train", corpus, "-o", notes], "-o \(notes) is not a tagcli model"),
        (["calibrate", "-m", model, other, "-o", notes], "-o \(notes) is not a tagcli model"),
        (["convert", corpus, "-o", model, "--to", "conllu"], "-o \(model) is a tagcli model"),
        (
          ["eval", other, "--pred", pred, "--report", notes],
          "--report \(notes) is not an HTML file"
        ),
      ] {
        let result = try CorpusCommandSupport.run(arguments)
        #expect(result.status != 0, "\(arguments)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("remove it first or choose another name"))
      }
      let copy = model + ".copy"
      try FileManager.default.copyItem(atPath: model, toPath: copy)
      let tag = try CorpusCommandSupport.run(["tag", "-m", model, notes, "-o", copy])
      #expect(tag.status != 0 && tag.stderr.contains("-o \(copy) is a tagcli model"))
      #expect([other, model, notes].map(contents) == originals)
      #expect(contents(copy) == originals[1])

      // The same kind is replaced, as a rerun replaces its earlier output.
      let html = directory.appendingPathComponent("report.html").path
      try Data("<!DOCTYPE html>\n<p>the previous report</p>\n".utf8).write(
        to: URL(fileURLWithPath: html))
      let report = try CorpusCommandSupport.run(["eval", other, "--pred", pred, "--report", html])
      #expect(report.status == 0, "\(report.stderr)")
      #expect(
        contents(html).map { !String(decoding: $0, as: UTF8.self).contains("the previous report") }
          == true)
      let text = try CorpusCommandSupport.run(["convert", corpus, "-o", notes, "--to", "conllu"])
      #expect(text.status == 0, "\(text.stderr)")
      #expect(contents(notes) != originals[2])
      let retrained = try CorpusCommandSupport.run(train + ["--dev", corpus, "-o", model])
      #expect(retrained.status == 0, "\(retrained.stderr)")
      #expect(contents(model) != originals[1])
    }
  }

  @Test func evalRefusesAReportOverTheGoldFile() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let gold = try copyFixture("eval-gold.conllu", to: directory, as: "g.conllu")
      let pred = try copyFixture("eval-pred.conllu", to: directory, as: "p.conllu")
      let before = contents(gold)
      let result = try CorpusCommandSupport.run(["eval", gold, "--pred", pred, "--report", gold])
      #expect(result.status != 0)
      #expect(result.stderr.contains("is also an input"))
      #expect(contents(gold) == before)
    }
  }
}

extension DataLossTests {
  @Test func tagWritesItsOutputFileOnlyOnSuccessAndNeverOverItsInput() throws {
    let model = ShippedModelTests.modelPath
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let text = directory.appendingPathComponent("in.txt").path
      try Data("The cat sat .\n".utf8).write(to: URL(fileURLWithPath: text))
      let refused = try CorpusCommandSupport.run(["tag", "-m", model, text, "-o", text])
      #expect(refused.status != 0)
      #expect(contents(text) == Data("The cat sat .\n".utf8))
      let output = directory.appendingPathComponent("out.txt").path
      let tagged = try CorpusCommandSupport.run(["tag", "-m", model, text, "-o", output])
      #expect(tagged.status == 0, "\(tagged.stderr)")
      #expect(String(decoding: contents(output) ?? Data(), as: UTF8.self).contains("cat/NOUN"))
    }
  }
}
