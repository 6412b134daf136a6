/// Tokenises English following the conventions of the Universal Dependencies English treebanks.
///
/// Rules, applied to each whitespace-separated chunk:
/// - currency signs and `#` before a word, and `%` after it, are split off;
/// - URLs, e-mail addresses, numbers (`3.5`, `1,000`, `10:30`) and abbreviations with inner
///   periods (`U.S.`, `e.g.`) stay whole;
/// - leading and trailing punctuation (`"`, `(`, `)`, `,`, `.`, `!`, `?`, `;`, `:`, `…`) is split
///   off, one mark per token, with runs such as `...`, `?!` and `--` kept together;
/// - clitics are split as UD does: `n't` (`don't` → `do n't`, `can't` → `ca n't`, `won't` →
///   `wo n't`), `'s`, `'re`, `'ll`, `'ve`, `'d`, `'m` (also with the typographic apostrophe), and
///   `cannot` → `can not`, `gonna` → `gon na`, `wanna` → `wan na`, `gotta` → `got ta`.
public struct EnglishTokenizer: Tokenizer {
  /// Creates the tokenizer.
  public init() {}

  public func tokenize(_ line: String) -> [String] {
    var words: [String] = []
    for chunk in whitespaceSeparatedChunks(of: line) {
      words += tokenizeChunk(chunk)
    }
    return words
  }

  private static let openingMarks: Set<Character> = [
    "\"", "(", "[", "{", "“", "‘", "'", "`", "«", "$", "£", "€", "#",
  ]
  private static let closingMarks: Set<Character> = [
    "\"", ")", "]", "}", "”", "’", "'", ",", ".", "!", "?", ";", ":", "…", "»", "%",
  ]
  private static let sentenceMarks: Set<Character> = [".", "!", "?"]
  private static let clitics = [
    "n't", "n’t", "'s", "’s", "'re", "’re", "'ll", "’ll", "'ve", "’ve",
    "'d", "’d", "'m", "’m",
  ]
  private static let fusedWords: [String: [String]] = [
    "cannot": ["can", "not"], "gonna": ["gon", "na"], "wanna": ["wan", "na"],
    "gotta": ["got", "ta"], "can't": ["ca", "n't"], "won't": ["wo", "n't"],
    "can’t": ["ca", "n’t"], "won’t": ["wo", "n’t"],
  ]

  private func tokenizeChunk(_ chunk: Substring) -> [String] {
    var core = chunk
    var leading: [String] = []
    while let first = core.first, Self.openingMarks.contains(first), core.count > 1 {
      leading.append(String(first))
      core = core.dropFirst()
    }
    var trailing: [String] = []
    while let last = core.last, Self.closingMarks.contains(last), core.count > 1 {
      if last == ".", Self.isAbbreviation(core) { break }
      // Runs of sentence marks (`...`, `?!`) stay one token.
      let run = core.reversed().prefix { Self.sentenceMarks.contains($0) }
      let mark = run.count > 1 && run.count < core.count ? String(run.reversed()) : String(last)
      trailing.insert(mark, at: 0)
      core = core.dropLast(mark.count)
    }
    let words = Self.isKeptWhole(core) ? [String(core)] : splitClitics(String(core))
    return leading + words + trailing
  }

  private func splitClitics(_ word: String) -> [String] {
    let lowered = word.lowercased()
    if let parts = Self.fusedWords[lowered] {
      var offset = word.startIndex
      return parts.map { part in
        let end = word.index(offset, offsetBy: part.count)
        defer { offset = end }
        return String(word[offset..<end])
      }
    }
    for clitic in Self.clitics where lowered.hasSuffix(clitic) && lowered.count > clitic.count {
      let stem = String(word.dropLast(clitic.count))
      return [stem, String(word.suffix(clitic.count))]
    }
    return [word]
  }

  /// URLs, e-mail addresses, numbers and dotted abbreviations.
  private static func isKeptWhole(_ chunk: Substring) -> Bool {
    if chunk.contains("://") || chunk.hasPrefix("www.") { return true }
    if chunk.contains("@"), chunk.contains("."), chunk.first != "@" { return true }
    let digitsAndSeparators = chunk.allSatisfy {
      $0.isNumber || $0 == "." || $0 == "," || $0 == ":"
    }
    return digitsAndSeparators && chunk.first?.isNumber == true && chunk.last?.isNumber == true
  }

  /// `U.S.`, `e.g.`, `a.m.`: letters separated by periods.
  private static func isAbbreviation(_ word: Substring) -> Bool {
    let parts = word.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 3, parts.last?.isEmpty == true else {
      return [
        "mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "inc.", "co.", "corp.", "ltd.",
        "vs.", "etc.", "prof.",
      ].contains(word.lowercased())
    }
    return parts.dropLast().allSatisfy { $0.count <= 2 && $0.allSatisfy(\.isLetter) && !$0.isEmpty }
  }
}
