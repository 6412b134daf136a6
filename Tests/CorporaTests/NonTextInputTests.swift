import Foundation
import Testing

@testable import Corpora

/// Files that are not UTF-8 text: UTF-16 (with or without a byte order mark), compressed
/// corpora and model files given as input. Each is refused with what it is and how to convert
/// it; UTF-16 without a mark decodes as valid UTF-8 with a NUL in every other byte, which was
/// tagged as words before.
@Suite struct NonTextInputTests {
  static let conllu = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t0\troot\t_\t_\n\n"

  static func utf16LE(_ text: String, byteOrderMark: Bool) -> [UInt8] {
    (byteOrderMark ? [0xFF, 0xFE] : []) + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  /// The error of reading `bytes` in `format` (or the format detected), in lenient mode or not.
  static func firstError(
    reading bytes: [UInt8], as format: CorpusFormat?, named name: String = "input",
    lenient: Bool = false
  ) throws -> CorpusError {
    let directory = try TemporaryDirectory()
    let path = try directory.write(Data(bytes), named: name)
    var options = ReaderOptions()
    options.skipMalformed = lenient
    options.requiresTag = false
    return try #require(throws: CorpusError.self) {
      var reader = try makeSentenceReader(path: path, format: format, options: options)
      _ = try reader.readAll()
    }
  }

  @Test(arguments: [CorpusFormat.conllu, .conllx, .columns, .wordTag, .plain, .tsv, .labeled])
  func utf16WithAByteOrderMarkIsNamed(format: CorpusFormat) throws {
    let error = try Self.firstError(
      reading: Self.utf16LE(Self.conllu, byteOrderMark: true), as: format)
    #expect(error.line == 1 && error.column == 1)
    #expect(error.message.hasPrefix("not UTF-8 text but UTF-16"), "\(error)")
    #expect(error.message.contains("iconv -f UTF-16 -t UTF-8"))
  }

  @Test(arguments: [CorpusFormat.conllu, .conllx, .columns, .wordTag, .plain, .tsv, .labeled])
  func utf16WithoutAByteOrderMarkIsNamedToo(format: CorpusFormat) throws {
    let error = try Self.firstError(
      reading: Self.utf16LE(Self.conllu, byteOrderMark: false), as: format)
    #expect(error.line == 1 && error.column == 1)
    #expect(error.message.hasPrefix("not UTF-8 text but UTF-16LE (a NUL in every other byte)"))
    #expect(error.message.contains("iconv -f UTF-16LE -t UTF-8"), "\(error)")
  }

  @Test func bigEndianAndLatinLettersAreRecognisedToo() throws {
    let bigEndian = "The dog\n".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    let latin = Self.utf16LE("Ça va très bien\n", byteOrderMark: false)
    for (bytes, endianness) in [(bigEndian, "BE"), (latin, "LE")] {
      let error = try Self.firstError(reading: bytes, as: .plain)
      #expect(error.message.hasPrefix("not UTF-8 text but UTF-16\(endianness)"), "\(error)")
    }
  }

  @Test func aNULInsideALineIsRefusedAndLenientModeSkipsItsSentence() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(Data("ok\nd\0og\nfine\n".utf8), named: "nul.txt")
    var strict = try PlainTextReader(path: path)
    let error = try #require(throws: CorpusError.self) { try strict.readAll() }
    #expect(error.kind == .nulByte && error.line == 2 && error.column == 2)
    var lenient = try PlainTextReader(path: path, skipMalformed: true)
    #expect(try lenient.readAll().map(\.forms) == [["ok"], ["fine"]])
  }

  @Test(arguments: [
    ([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03], "gzip-compressed"),
    (Array("BZh91AY&SY".utf8) + [0xE3, 0x0A], "bzip2-compressed"),
    ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04, 0xE6, 0xD6], "xz-compressed"),
    ([0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x0A], "zstd-compressed"),
    ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xAF], "a zip archive"),
    ([0x88, 0xA7, 0x01, 0, 0, 0, 0, 0] + Array(#"{"__metadata__":{}}"#.utf8), "a safetensors file"),
    ([0xFF, 0xFE, 0x00, 0x00, 0x54, 0x00, 0x00, 0x00], "UTF-32"),
  ] as [([UInt8], String)])
  func aFileThatIsNotTextIsNamedNotBlamedOnLatin1(bytes: [UInt8], what: String) throws {
    for (format, name) in [(CorpusFormat.conllu, "input"), (nil, "corpus.conllu.gz")] {
      let error = try Self.firstError(
        reading: bytes + Array("\nmore\n".utf8), as: format, named: name, lenient: true)
      #expect(error.message.hasPrefix("not UTF-8 text but \(what)"), "\(name): \(error)")
      #expect(!error.isContentError, "lenient mode must not skip a whole file line by line")
    }
  }

  /// Lines that end in CR alone (classic Mac OS) read as one line: refused at the first CR.
  /// A CR before a line feed is part of the line break.
  @Test(arguments: [CorpusFormat.conllu, .columns, .wordTag, .plain, .tsv, .labeled])
  func aCarriageReturnInsideALineIsRefused(format: CorpusFormat) throws {
    let text: String
    switch format {
    case .conllu: text = "1\tThe\t_\tDET\t_\t_\t_\t_\t_\t_\r\n2\tdog\r\t_\tNOUN\t_\t_\t_\t_\t_\t_\r\n\r\n"
    case .labeled: text = "a\tThe dog\r\nb\tThe\rcat\r\n"
    case .plain: text = "The dog\r\nThe\rcat\r\n"
    default: text = "The DET\r\ndog\r NOUN\r\n\r\n"
    }
    let error = try Self.firstError(reading: Array(text.utf8), as: format)
    #expect(error.kind == .carriageReturn, "\(error)")
    #expect(error.line == 2)
    #expect(error.message.contains("tr '\\r' '\\n' converts it"))
  }

  @Test func latin1StillGetsTheLatin1Advice() throws {
    let error = try Self.firstError(reading: Array("caf".utf8) + [0xE9, 0x0A], as: .plain)
    #expect(error.kind == .invalidUTF8 && error.column == 4)
  }

  @Test func aJSONEscapedNULIsRefusedWithItsKey() throws {
    var reader = JSONLinesReader(text: #"{"words":["a"],"upos":["X\u0000"]}"#, name: "n.jsonl")
    let error = try #require(throws: CorpusError.self) { try reader.next() }
    #expect(error.message.hasPrefix(#""upos" holds a NUL character"#), "\(error)")
  }
}
