import Testing

@testable import Tagger

/// Compares floats with explicit tolerances: `|a - b| <= absolute + relative * |b|`.
func expectClose(
  _ actual: Float, _ expected: Float, relative: Float = 1e-4, absolute: Float = 1e-5,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  let tolerance = absolute + relative * abs(expected)
  #expect(
    abs(actual - expected) <= tolerance,
    "\(actual) vs \(expected) (tolerance \(tolerance)) \(comment.map { "\($0)" } ?? "")",
    sourceLocation: sourceLocation)
}

/// Compares arrays elementwise with the same tolerance rule.
func expectClose(
  _ actual: [Float], _ expected: [Float], relative: Float = 1e-4, absolute: Float = 1e-5,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, "count \(actual.count) vs \(expected.count)",
    sourceLocation: sourceLocation)
  var failures = 0
  for (index, (a, e)) in zip(actual, expected).enumerated() {
    let tolerance = absolute + relative * abs(e)
    if abs(a - e) > tolerance {
      failures += 1
      if failures <= 3 {
        Issue.record(
          "element \(index): \(a) vs \(e) (tolerance \(tolerance)) \(comment.map { "\($0)" } ?? "")",
          sourceLocation: sourceLocation)
      }
    }
  }
}
