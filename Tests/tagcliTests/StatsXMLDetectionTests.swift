import Foundation
import Testing

/// `tagcli stats` on XML without `--format`: detection by content, then the dialect by the root.
@Suite struct StatsXMLDetectionTests {
  static let tei = """
    \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
    <TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>
      <s><w pos="PRON">I</w><w pos="VERB">ran</w><pc pos="PUNCT">.</pc></s>
    </p></body></text></TEI>

    """

  @Test func teiWithoutExtensionOrFormat() throws {
    try CorpusCommandSupport.withTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("corpus").path
      try Self.tei.write(toFile: path, atomically: true, encoding: .utf8)
      let result = try CorpusCommandSupport.run(["stats", "--json", "--tag", "pos", path])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("\"sentences\":1"))
      #expect(result.stdout.contains("\"tags\":{\"PRON\":1,\"PUNCT\":1,\"VERB\":1}"))
    }
  }
}
