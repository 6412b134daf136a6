import Foundation
import Testing

@testable import Corpora

/// XML as it comes: NLTK's Alpino corpus (`<alpino>` around many `<alpino_ds>`), and libxml2
/// hints that name its own flags.
@Suite struct RealWorldXMLTests {
  @Test func nltkAlpinoWrapperIsDetectedAndRead() throws {
    let fixture = try String(contentsOfFile: try fixturePath("xml-alpino.xml"), encoding: .utf8)
    let body = fixture.replacingOccurrences(of: "<treebank>", with: "<alpino>")
      .replacingOccurrences(of: "</treebank>", with: "</alpino>")
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("alpino-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("alpino.xml").path
    try Data(body.utf8).write(to: URL(fileURLWithPath: path))
    #expect(try detectXMLDialect(path: path) == .alpino)
    var reader = try makeSentenceReader(path: path)
    var count = 0
    while try reader.next() != nil { count += 1 }
    #expect(count == 2)
  }

  @Test func libxml2FlagHintsAreTranslated() {
    let message = LibXML2Reader.translatingLibXML2Hints(
      "xmlSAX2Characters: huge text node, use XML_PARSE_HUGE option")
    #expect(!message.contains("XML_PARSE_HUGE"))
    #expect(message.contains("split the file"))
  }

  private func fixturePath(_ name: String) throws -> String {
    try #require(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
    ).path
  }
}
