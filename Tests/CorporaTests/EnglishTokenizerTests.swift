import Testing

@testable import Corpora

@Suite struct EnglishTokenizerTests {
  let tokenizer = EnglishTokenizer()

  @Test(arguments: [
    ("I don't know.", ["I", "do", "n't", "know", "."]),
    ("We can't and won't go!", ["We", "ca", "n't", "and", "wo", "n't", "go", "!"]),
    (
      "She's here, they're there; we'll see.",
      ["She", "'s", "here", ",", "they", "'re", "there", ";", "we", "'ll", "see", "."]
    ),
    ("I cannot wait... really?!", ["I", "can", "not", "wait", "...", "really", "?!"]),
    ("\"Hello\" (she said)", ["\"", "Hello", "\"", "(", "she", "said", ")"]),
    (
      "The U.S. economy grew 3.5% in 2019.",
      ["The", "U.S.", "economy", "grew", "3.5", "%", "in", "2019", "."]
    ),
    (
      "Mail me at john@example.com or see http://example.com/a.html.",
      ["Mail", "me", "at", "john@example.com", "or", "see", "http://example.com/a.html", "."]
    ),
    (
      "I'm gonna buy 1,000 apples from Dr. Smith",
      ["I", "'m", "gon", "na", "buy", "1,000", "apples", "from", "Dr.", "Smith"]
    ),
    ("It’s John’s", ["It", "’s", "John", "’s"]),
    ("It costs $5.", ["It", "costs", "$", "5", "."]),
  ])
  func splitsLikeUDEnglish(text: String, expected: [String]) {
    #expect(tokenizer.tokenize(text) == expected)
  }

  @Test func emptyAndWhitespaceLinesGiveNoWords() {
    #expect(tokenizer.tokenize("").isEmpty)
    #expect(tokenizer.tokenize("  \t ").isEmpty)
  }

  @Test func whitespaceTokenizerKeepsChunks() {
    #expect(WhitespaceTokenizer().tokenize(" do n't\tstop ") == ["do", "n't", "stop"])
  }
}
