/// Overlapping windows over a long sentence, so that tagging memory does not grow with its length.
///
/// A sentence of `n` tokens longer than `maxLength` is cut into windows of `maxLength` tokens that
/// start every `maxLength − 2·context` tokens. Each token's tag is taken from the one window in
/// which it has at least `context` tokens on both sides (or reaches the sentence's edge), so the
/// kept ranges partition `0..<n` and every tag is decided with context on both sides. A sentence
/// of at most `maxLength` tokens is one window, so windowing changes nothing for it.
public struct SentenceWindows: Sendable, Equatable {
  /// One window: the tokens run through the network and the tokens whose tags are kept.
  public struct Window: Sendable, Equatable {
    /// The tokens run through the network together.
    public var range: Range<Int>
    /// The tokens whose tags come from this window (inside `range`).
    public var kept: Range<Int>
  }

  /// The windows, in order; their kept ranges partition `0..<tokenCount`.
  public let windows: [Window]

  /// Windows over `tokenCount` tokens.
  ///
  /// - Parameters:
  ///   - tokenCount: the sentence's length.
  ///   - maxLength: the longest window (at least 1).
  ///   - context: tokens of context kept on each side of a window's kept range; it is lowered to
  ///     `(maxLength − 1) / 2` so that windows advance.
  public init(tokenCount: Int, maxLength: Int, context: Int) {
    precondition(maxLength >= 1 && context >= 0, "windows of \(maxLength) with context \(context)")
    guard tokenCount > maxLength else {
      windows = [Window(range: 0..<tokenCount, kept: 0..<tokenCount)]
      return
    }
    let margin = min(context, (maxLength - 1) / 2)
    let stride = maxLength - 2 * margin
    var windows: [Window] = []
    var start = 0
    while true {
      let end = min(start + maxLength, tokenCount)
      let keptStart = start == 0 ? 0 : start + margin
      let isLast = end == tokenCount
      windows.append(
        Window(range: start..<end, kept: keptStart..<(isLast ? tokenCount : end - margin)))
      if isLast { break }
      start += stride
    }
    self.windows = windows
  }
}
