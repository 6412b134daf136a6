import ArgumentParser
import Corpora

/// The generic XML mapping: which elements are sentences and tokens, and where word and tag are.
struct XMLMappingOptions: ParsableArguments {
  @Option(name: .customLong("xml-sentence"), help: "XML element that encloses one sentence.")
  var sentenceElement: String?

  @Option(name: .customLong("xml-token"), help: "XML element of one token.")
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
