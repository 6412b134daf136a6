import Foundation

extension CorpusFormat {
  /// Why a file given as raw text is evidently a corpus: its format and the evidence.
  public struct CorpusEvidence: Sendable, Equatable {
    /// The format the file is in (`.tiger` stands for any XML; the XML reader refines it).
    public var format: CorpusFormat
    /// What gave it away, in words: "its .conllu extension".
    public var evidence: String
    /// The line that gave it away, when the content did.
    public var line: Int?
  }

  /// The corpus format of a file that is about to be read as raw text, one sentence per line,
  /// when the file is evidently not text: its extension names a corpus format (`.conllu`,
  /// `.conll`, `.conllx`, `.pos`, `.tsv`, `.jsonl`, `.json`, `.xml`), it starts with XML markup
  /// or a JSON object, or its first word line has CoNLL-U's 10 tab-separated fields with a
  /// numeric ID. Tagging such a file line by line would tag its markup and columns as words, a
  /// wrong answer with exit status 0.
  ///
  /// Only the start of a regular file is read; standard input (`-`), pipes and devices are not
  /// looked into and give nil.
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file cannot be read.
  public static func evidentCorpus(inTextFile path: String) throws -> CorpusEvidence? {
    let name = (path as NSString).lastPathComponent.lowercased()
    if let named = extensions.first(where: { name.hasSuffix($0.suffix) }) {
      return CorpusEvidence(format: named.format, evidence: "its \(named.suffix) extension")
    }
    var info = stat()
    guard path != "-", stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      return nil
    }
    var lines = try LineReader(path: path)
    var seenText = false
    for _ in 0..<200 {
      guard let line = try lines.nextLine() else { break }
      if line.isBlank { continue }
      if !seenText && startsWithMarkup(line) {
        return CorpusEvidence(
          format: .tiger, evidence: "it starts with XML markup", line: lines.lineNumber)
      }
      if !seenText && isJSONObject(line) {
        return CorpusEvidence(
          format: .jsonl, evidence: "its first line is a JSON object", line: lines.lineNumber)
      }
      seenText = true
      if line.first == UInt8(ascii: "#") { continue }
      if looksLikeCoNLLUWordLine(line) {
        return CorpusEvidence(
          format: .conllu, evidence: "its lines have CoNLL-U's 10 tab-separated columns",
          line: lines.lineNumber)
      }
      return nil
    }
    return nil
  }

  /// Whether `line` has 10 tab-separated fields and a first field of digits (a token ID, a
  /// multiword range `1-2` or an empty node `1.1`).
  private static func looksLikeCoNLLUWordLine(_ line: ArraySlice<UInt8>) -> Bool {
    let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
    guard fields.count == 10, let id = fields.first, id.first.map(isDigit) == true else {
      return false
    }
    return id.allSatisfy { isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
