import ArgumentParser
import Corpora

/// The generic XML mapping: which elements are sentences and tokens, and where word and tag are.
struct XMLMappingOptions: ParsableArguments {
  @Option(
    name: .customLong("xml-sentence"),
    help: ArgumentHelp(
      "XML element that encloses one sentence, with optional predicates: s[@type=\"main\"].",
      discussion: """
        Predicates: [@a] (present), [not(@a)] (absent), [@a="v"], [@a!="v"]; several must all \
        hold. Token elements without a word are skipped and counted.
        """))
  var sentenceElement: String?

  @Option(
    name: .customLong("xml-token"),
    help: "XML element of one token, with optional predicates: word[not(@artificial)].")
  var tokenElement: String?

  @Option(
    name: .customLong("xml-word"), help: "Attribute holding the word (default: the element text).")
  var wordAttribute: String?

  @Option(name: .customLong("xml-tag"), help: "Attribute holding the tag.")
  var tagAttribute: String?

  /// Whether a mapping was given (it implies `--format xml`).
  @Option(
    name: .customLong("xml-label"),
    help: "XML sentence attribute holding the sentence label (default: --label, or label/class).")
  var labelAttribute: String?

  var isGiven: Bool { sentenceElement != nil || tokenElement != nil }

  func validate() throws {
    guard isGiven || (wordAttribute == nil && tagAttribute == nil) else {
      throw ValidationError("--xml-word and --xml-tag need --xml-sentence and --xml-token")
    }
    guard !isGiven || (sentenceElement != nil && tokenElement != nil) else {
      throw ValidationError("the XML mapping needs both --xml-sentence and --xml-token")
    }
    for (option, pattern) in [("--xml-sentence", sentenceElement), ("--xml-token", tokenElement)] {
      guard let pattern, ElementPattern(parsing: pattern) == nil else { continue }
      throw ValidationError(
        "\(option) \"\(pattern)\" is not NAME or NAME[@attr], NAME[not(@attr)], "
          + "NAME[@attr=\"value\"], NAME[@attr!=\"value\"]")
    }
  }

  /// Copies the mapping into reader options.
  func apply(to options: inout ReaderOptions) {
    options.xmlSentenceElement = sentenceElement
    options.xmlTokenElement = tokenElement
    options.xmlWordAttribute = wordAttribute
    options.xmlTagAttribute = tagAttribute
    options.xmlLabelAttribute = labelAttribute
  }
}
