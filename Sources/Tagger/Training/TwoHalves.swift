/// A set of index ranges cut into two halves of (nearly) equal element counts, for an
/// elementwise update (optimiser, weight average) run on two threads, each writing only its own
/// elements.
struct TwoHalves: Sendable {
  /// Fewer elements than this are not worth a second thread (the hand-off costs a few
  /// microseconds; an elementwise update moves about 1–4 elements per nanosecond).
  static let minimumElements = 1 << 15

  /// The ranges of the first half and of the second.
  let ranges: [[Range<Int>]]

  /// The halves of `ranges` (ascending, disjoint), or nil when they hold fewer than
  /// `minimumElements` elements.
  init?(_ ranges: [Range<Int>]) {
    let total = ranges.reduce(0) { $0 + $1.count }
    guard total >= Self.minimumElements else { return nil }
    var first: [Range<Int>] = []
    var second: [Range<Int>] = []
    var left = total / 2
    for range in ranges {
      if left >= range.count {
        first.append(range)
        left -= range.count
      } else if left > 0 {
        first.append(range.lowerBound..<range.lowerBound + left)
        second.append(range.lowerBound + left..<range.upperBound)
        left = 0
      } else {
        second.append(range)
      }
    }
    self.ranges = [first, second]
  }
}
