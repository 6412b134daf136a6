import Testing

@testable import Corpora

/// Writers refuse a value their format cannot hold (a tab in a CoNLL field, a line break in a
/// word, a space or `/` in a `word/TAG` tag) instead of writing a file that reads back as other
/// sentences; formats that document a replacement keep it.
@Suite struct UnwritableValueTests {
  /// A `word tag` sentence read at line `line`, with an optional label.
  static func sentence(
    _ pairs: [(String, String)], label: String? = nil, line: Int = 7
  ) -> Sentence {
    var sentence = Sentence(
      columnNames: ["word", "pos"],
      tokens: pairs.map { Token(form: $0.0, values: [$0.0, $0.1]) }, defaultTagColumn: 1,
      sourceLine: line)
    sentence.label = label
    return sentence
  }

  /// Writes `sentence` as `format` into memory: the text, or the error.
  static func write(
    _ sentence: Sentence, as format: CorpusFormat, labels: Bool = false
  ) throws -> String {
    let output = TextOutput.inMemory(path: "out")
    var options = WriterOptions()
    options.writesLabels = labels
    var writer = try makeSentenceWriter(format: format, output: output, options: options)
    try writer.write(sentence)
    try writer.finish()
    return output.text
  }

  static func refusal(_ sentence: Sentence, as format: CorpusFormat, labels: Bool = false)
    throws -> CorpusError
  {
    try #require(throws: CorpusError.self) { try write(sentence, as: format, labels: labels) }
  }

  @Test(arguments: [CorpusFormat.conllu, .conllx])
  func aCoNLLFieldWithATabOrLineBreakIsRefused(format: CorpusFormat) throws {
    let name = format == .conllu ? "CoNLL-U" : "CoNLL-X"
    let tab = try Self.refusal(Self.sentence([("ok", "N"), ("a\tb", "N")]), as: format)
    #expect(tab.file == "out")
    #expect(
      tab.message
        == "the form of token 2 holds a tab, which a \(name) field cannot hold "
        + "(JSON Lines and XML can): \"a\\tb\"")
    let lineBreak = try Self.refusal(Self.sentence([("a", "N\nX")]), as: format)
    #expect(lineBreak.message.contains("holds a line break, which a \(name) field cannot hold"))
    let carriageReturn = try Self.refusal(Self.sentence([("a\rb", "N")]), as: format)
    #expect(carriageReturn.message.contains("the form of token 1 holds a line break"))
  }

  /// A space in a word becomes `_` in `word/TAG` and in space-separated columns; a combining
  /// mark after the space (one character with it) stays, where it was dropped with the space.
  @Test func aCombiningMarkAfterAReplacedSpaceStays() throws {
    let sentence = Self.sentence([("a \u{301}b", "N"), ("c", "V")])
    #expect(try Self.write(sentence, as: .wordTag) == "a_\u{301}b/N c/V\n")
    #expect(try Self.write(sentence, as: .columns) == "a_\u{301}b N\nc V\n\n")
  }

  @Test func aCoNLLUFormMayHoldASpace() throws {
    let text = try Self.write(Self.sentence([("New York", "PROPN")]), as: .conllu)
    #expect(text.hasPrefix("1\tNew York\t_\t_\tPROPN\t"))
  }

  @Test func aLabelWithALineBreakIsRefusedAsACoNLLUComment() throws {
    let error = try Self.refusal(Self.sentence([("a", "N")], label: "x\ny"), as: .conllu)
    #expect(
      error.message
        == "a comment holds a line break, which a CoNLL-U comment line cannot hold "
        + "(JSON Lines and XML can): \"# label = x\\ny\"")
    let columns = try Self.refusal(
      Self.sentence([("a", "N")], label: "x\ny"), as: .columns, labels: true)
    #expect(columns.message.hasPrefix("the label comment holds a line break"))
  }

  @Test(arguments: ["V W", "N/X", "N\tX", "N\u{00A0}X"])
  func aWordTagTagWithWhitespaceOrASlashIsRefused(tag: String) throws {
    let error = try Self.refusal(Self.sentence([("a", "N"), ("b", tag)]), as: .wordTag)
    #expect(error.message.hasPrefix("the tag of token 2 holds "))
    #expect(
      error.message.contains("which a word/TAG tag cannot hold (TSV, CoNLL-U and JSON Lines can)"))
    #expect(try Self.refusal(Self.sentence([("b", tag)]), as: .penn).file == "out")
  }

  @Test func aWordTagWordKeepsItsDocumentedEscapes() throws {
    let text = try Self.write(Self.sentence([("a/b", "N"), ("c d", "V")]), as: .wordTag)
    #expect(text == "a\\/b/N c_d/V\n")
  }

  @Test func aWordTagLabelWithATabIsRefused() throws {
    let error = try Self.refusal(
      Self.sentence([("a", "N")], label: "q\tr"), as: .wordTag, labels: true)
    #expect(error.message.hasPrefix("the label holds a tab"))
  }

  @Test(arguments: [CorpusFormat.plain, .labeled])
  func aWordWithALineBreakIsRefusedOnOneLineFormats(format: CorpusFormat) throws {
    let error = try Self.refusal(Self.sentence([("a", "N"), ("e\nf", "N")]), as: format)
    #expect(error.message.hasPrefix("the word of token 2 holds a line break"))
  }

  @Test func columnFilesReplaceWhitespaceAsDocumented() throws {
    #expect(try Self.write(Self.sentence([("a\tb", "N X")]), as: .columns) == "a_b N_X\n\n")
    #expect(try Self.write(Self.sentence([("a\nb", "N\tX")]), as: .tsv) == "a b\tN X\n\n")
  }

  @Test func theRefusalIsLocatedAtTheSentencesSource() throws {
    let sentence = Self.sentence([("a\tb", "N")], line: 12)
    var writer: any SentenceWriter = CoNLLUWriter(output: .inMemory(path: "out.conllu"))
    let error = try #require(throws: CorpusError.self) {
      try writer.write(sentence, readFrom: "in.jsonl")
    }
    #expect(error.file == "in.jsonl")
    #expect(error.line == 12)
    #expect(
      error.description
        == "in.jsonl:12: the sentence cannot be written to out.conllu: the form of token 1 "
        + "holds a tab, which a CoNLL-U field cannot hold (JSON Lines and XML can): "
        + "\"a\\tb\"")
    let fromStandardInput = CorpusError(.invalidContent("x"), file: "o").atSource(
      of: sentence, in: "-")
    #expect(fromStandardInput.file == "<stdin>")
    let io = CorpusError(.io("disk full"), file: "o")
    #expect(io.atSource(of: sentence, in: "in.jsonl") == io)
  }
}
