import Foundation

/// The corpus formats the toolkit reads and writes.
public enum CorpusFormat: String, CaseIterable, Sendable {
  /// CoNLL-U (Universal Dependencies).
  case conllu
  /// CoNLL-X (10 columns, the older column names).
  case conllx
  /// Whitespace-separated columns (CoNLL-2000 chunking, CoNLL-2002/2003 NER).
  case columns
  /// `word/TAG` tokens, one sentence per line.
  case wordTag = "wordtag"
  /// Penn Treebank `.pos` files: `word/TAG` in blank-line-separated chunks with `[ ]` brackets.
  case penn
  /// Plain text, one sentence per line, words split on whitespace.
  case plain
  /// Tab-separated columns (`word<TAB>tag`), blank line between sentences.
  case tsv
  /// JSON Lines: one object per sentence.
  case jsonl
  /// TIGER-XML, including NPS Chat style `<Post>` files.
  case tiger
  /// TEI / BNC style `<s>` with `<w>`, `<pc>`, `<c>` tokens.
  case tei
  /// Alpino dependency XML (`<alpino_ds>`).
  case alpino
  /// Any other XML through an element/attribute mapping.
  case xml
  /// One labelled sentence per line: `label<TAB>text` or fastText's `__label__x text`.
  case labeled

  /// Whether the format is one of the XML dialects.
  public var isXML: Bool {
    switch self {
    case .tiger, .tei, .alpino, .xml: return true
    default: return false
    }
  }

  /// Whether the toolkit can write the format (Alpino is read-only).
  public var isWritable: Bool { self != .alpino }

  /// Whether a sentence without tokens has a written form: an empty line (or a blank line in a
  /// column file, an empty JSON array). CoNLL and XML formats have no empty sentences, so a
  /// caller writing one line per input line leaves those out.
  public var writesEmptySentences: Bool {
    switch self {
    case .conllu, .conllx, .tiger, .tei, .alpino, .xml: return false
    case .columns, .wordTag, .penn, .plain, .tsv, .jsonl, .labeled: return true
    }
  }

  /// The formats the toolkit can write.
  public static var writableCases: [CorpusFormat] { allCases.filter(\.isWritable) }
}

/// How to read a corpus file beyond its format.
public struct ReaderOptions: Sendable {
  /// Skip malformed sentences and record them instead of stopping at the first one.
  public var skipMalformed = false
  /// The tag layer the caller will use; readers that need a value per token check it.
  public var tagLayer: LayerSelector = .default
  /// Whether every token must have a value for `tagLayer`. Set it to false to read untagged
  /// input for a tagger to fill in: readers that otherwise demand a tag (`word/TAG` and the XML
  /// dialects) then accept tokens without one, and the tag layer's column exists with empty
  /// values even when no token has it (named after `tagLayer`, or the format's default layer:
  /// `pos` for TIGER, NPS Chat and Alpino).
  public var requiresTag = true
  /// Column names for a column file (`word pos chunk`); nil means guessed from the file.
  public var columnNames: [String]? = nil
  /// The 1-based column of the word in a column file.
  public var wordColumn = 1
  /// Generic XML mapping: the element that encloses a sentence.
  public var xmlSentenceElement: String? = nil
  /// Generic XML mapping: the element of one token.
  public var xmlTokenElement: String? = nil
  /// Generic XML mapping: the attribute holding the word; nil means the element's text.
  public var xmlWordAttribute: String? = nil
  /// Generic XML mapping: the attribute holding the tag.
  public var xmlTagAttribute: String? = nil
  /// The name of the sentence label: the CoNLL-U comment key (`# KEY = …`), the XML sentence
  /// attribute and the JSON key; nil looks for `label` (and, on XML sentences, `class`, NPS
  /// Chat's dialogue act).
  public var labelKey: String? = nil
  /// The XML sentence attribute holding the label, when it differs from `labelKey`.
  public var xmlLabelAttribute: String? = nil
  /// Whether every sentence must have a label: a sentence without one is malformed, and a file
  /// without any is an error (see `LabelingSentenceReader`).
  public var requiresLabel = false

  /// Options with every default.
  public init() {}
}

/// How to write a corpus beyond its format.
public struct WriterOptions: Sendable {
  /// The tag layer written by formats that keep only one (`word/TAG`); `.default` is the
  /// sentence's default layer. TSV writes every column with `.default`, and the word plus this
  /// layer otherwise.
  public var tagLayer: LayerSelector = .default
  /// The confidence figures written with tags and labels that sentences carry (see
  /// `ConfidenceDetail`); none by default.
  public var confidence: ConfidenceDetail = []
  /// Whether `word/TAG` and column writers, which have no place of their own for a sentence
  /// label, write it anyway: before the words of a `word/TAG` line (`LABEL<TAB>…`), as
  /// `# KEY = …` lines before a column sentence. A labelled sentence without the tag layer (from
  /// a sentence classifier) is then written as its label and its words.
  public var writesLabels = false

  /// Options with every default.
  public init() {}
}
