import Testing

@testable import Corpora

/// The whitespace tokenizer's ASCII fast path splits exactly where `Character.isWhitespace`
/// does, and lines with other characters keep the Unicode rule.
@Suite struct WhitespaceTokenizerTests {
  static func reference(_ line: String) -> [String] {
    line.split(whereSeparator: \.isWhitespace).map(String.init)
  }

  @Test func asciiLinesSplitLikeCharacterWhitespace() {
    let alphabet: [Character] = [
      "a", "B", "7", ".", "'", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\r\n",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2_000 {
      var line = ""
      state = state &* 6_364_136_223_846_793_005 &+ 1
      for step in 0..<Int(state >> 60) + 1 {
        line.append(alphabet[Int((state >> UInt64(4 * (step % 15))) & 0xF) % alphabet.count])
      }
      #expect(
        WhitespaceTokenizer().tokenize(line) == Self.reference(line), "\(line.debugDescription)")
    }
  }

  /// A combining mark after a space forms one character with it, and that character is
  /// whitespace: both tokenizers dropped the mark. It is now a word of its own, and a mark on a
  /// letter stays on it.
  @Test func aCombiningMarkAfterASpaceIsKept() {
    for tokenizer in [WhitespaceTokenizer() as any Tokenizer, EnglishTokenizer()] {
      #expect(tokenizer.tokenize("the \u{301} dog") == ["the", "\u{301}", "dog"])
      #expect(
        tokenizer.tokenize("caf\u{65}\u{301} \u{301}\u{302}x") == [
          "caf\u{65}\u{301}", "\u{301}\u{302}x",
        ])
      #expect(tokenizer.tokenize(" \u{301}") == ["\u{301}"])
    }
  }

  @Test func unicodeWhitespaceStillSplits() {
    let line = "café\u{00A0}au\u{3000}lait  ok"
    #expect(WhitespaceTokenizer().tokenize(line) == ["café", "au", "lait", "ok"])
    #expect(WhitespaceTokenizer().tokenize("") == [])
    #expect(WhitespaceTokenizer().tokenize(" \t ") == [])
  }
}
