import Testing

@testable import Tagger

@Suite struct SentenceWindowsTests {
  @Test(arguments: [0, 1, 5, 9, 10, 11, 27, 100, 1001], [1, 2, 3, 10, 64])
  func keptRangesPartitionTheSentenceInsideTheirWindows(tokenCount: Int, maxLength: Int) {
    let windows = SentenceWindows(
      tokenCount: tokenCount, maxLength: maxLength, context: maxLength / 4
    )
    .windows
    var next = 0
    for window in windows {
      #expect(window.kept.lowerBound == next)
      #expect(window.range.count <= max(maxLength, tokenCount <= maxLength ? tokenCount : 0))
      #expect(window.range.lowerBound <= window.kept.lowerBound)
      #expect(window.kept.upperBound <= window.range.upperBound)
      next = window.kept.upperBound
    }
    #expect(next == tokenCount)
  }

  @Test func keptTokensHaveContextOnBothSides() {
    let windows = SentenceWindows(tokenCount: 1000, maxLength: 100, context: 25).windows
    #expect(windows.count > 1)
    for window in windows {
      if window.kept.lowerBound > 0 {
        #expect(window.kept.lowerBound - window.range.lowerBound >= 25)
      }
      if window.kept.upperBound < 1000 {
        #expect(window.range.upperBound - window.kept.upperBound >= 25)
      }
    }
  }

  @Test func shortSentenceIsOneWindow() {
    let windows = SentenceWindows(tokenCount: 7, maxLength: 7, context: 2).windows
    #expect(windows == [SentenceWindows.Window(range: 0..<7, kept: 0..<7)])
  }

  @Test func windowedTaggingEqualsWholeSentenceTaggingBelowTheWindow() throws {
    let model = try TaggerSamples.trainedModel(epochs: 3)
    let sentences = TaggerSamples.sentences.map(\.words) + [[], ["cat"]]
    let windowed = model.predictInWindows(sentences, maxLength: 6)
    #expect(windowed == model.predictInBatches(sentences))
  }

  @Test func longSentenceIsTaggedWholeAndLikeTheUnwindowedSentenceAtTheSeams() throws {
    let model = try TaggerSamples.trainedModel(epochs: 30)
    let pattern = TaggerSamples.sentences[3].words
    let words = Array([[String]](repeating: pattern, count: 40).joined())
    let whole = model.predictInBatches([words])[0].map(\.tag)
    let windowed = try #require(model.predictInWindows([words], maxLength: 16).first).map(\.tag)
    #expect(windowed.count == words.count)
    // Every tag is decided with at least 4 words of context on both sides; with a recurrent
    // network that is nearly all the context that matters, so the tags agree almost everywhere.
    let agreeing = zip(windowed, whole).filter { $0 == $1 }.count
    #expect(Double(agreeing) >= 0.95 * Double(words.count), "\(agreeing) of \(words.count) agree")
  }
}
