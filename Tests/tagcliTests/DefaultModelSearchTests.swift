import Foundation
import Testing

@testable import tagcli

/// `tag` without `-m` finds the shipped model next to the executable, in ../share/tagcli or on
/// $TAGCLI_MODEL_PATH, and otherwise lists where it looked.
@Suite struct DefaultModelSearchTests {
  @Test func searchOrderIsExecutableShareEnvironmentThenWorkingFolder() {
    let folders = ModelOptions.searchFolders(
      executable: "/opt/tagcli/bin/tagcli", modelPath: "/a:/b")
    #expect(
      Array(folders.prefix(5)) == [
        "/opt/tagcli/bin", "/opt/tagcli/share/tagcli", "/a", "/b", "./models",
      ])
  }

  @Test func anInstalledCopyFindsItsModelAndAMissingOneSaysWhereItLooked() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let bin = directory.appendingPathComponent("bin")
      let share = directory.appendingPathComponent("share/tagcli")
      try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
      let tagcli = bin.appendingPathComponent("tagcli").path
      try FileManager.default.copyItem(
        atPath: try CorpusCommandSupport.tagcliURL().path, toPath: tagcli)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: tagcli)
      process.arguments = ["tag"]
      process.currentDirectoryURL = directory
      process.environment = ["PATH": "/usr/bin:/bin"]
      let error = Pipe()
      process.standardError = error
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      let message = String(
        decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus != 0)
      #expect(message.contains(share.path) && message.contains("./models"), "\(message)")
      try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        atPath: ShippedModelTests.modelPath,
        toPath: share.appendingPathComponent("en_ewt-upos.tagger").path)
      let found = Process()
      found.executableURL = URL(fileURLWithPath: tagcli)
      found.arguments = ["tag"]
      found.currentDirectoryURL = directory
      found.environment = ["PATH": "/usr/bin:/bin"]
      let input = Pipe()
      let output = Pipe()
      found.standardInput = input
      found.standardOutput = output
      try found.run()
      input.fileHandleForWriting.write(Data("The cat sat .\n".utf8))
      try input.fileHandleForWriting.close()
      let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      found.waitUntilExit()
      #expect(text.contains("cat/NOUN"), "\(text)")
    }
  }
}
