import Tagger

extension ReportSVG {
  /// The confusion matrix as a heat map: rows are gold tags, columns predicted tags; each cell's
  /// shade is its share of the row (blue on the diagonal, red off it) and nonzero counts are
  /// printed in it while the cells are big enough (up to 30 tags); each cell has a tooltip.
  static func heatMap(_ matrix: ConfusionMatrix) -> String {
    let count = matrix.labels.count
    let digits = String(matrix.counts.joined().max() ?? 0).count
    let cell = count > 30 ? 16.0 : max(24, 6.5 * Double(digits) + 8)
    let margin = 8.0 * Double(min(max(matrix.labels.map(\.count).max() ?? 1, 3), 14)) + 12
    let size = margin + cell * Double(count) + 10
    var svg = open(width: size, height: size, label: "confusion matrix heat map")
    svg += "<text x=\"\(number(margin))\" y=\"10\" class=\"tick\">predicted →</text>"
    for (index, label) in matrix.labels.enumerated() {
      let centre = margin + cell * (Double(index) + 0.5)
      svg += "<text x=\"\(number(margin - 4))\" y=\"\(number(centre + 4))\" text-anchor=\"end\" "
      svg += "class=\"tick\">\(escape(label))</text>"
      svg +=
        "<text transform=\"translate(\(number(centre + 4)) \(number(margin - 4))) rotate(-90)\" "
      svg += "class=\"tick\">\(escape(label))</text>"
    }
    for row in 0..<count {
      let total = max(matrix.counts[row].reduce(0, +), 1)
      for column in 0..<count {
        svg += heatCell(
          count: matrix.counts[row][column],
          share: Double(matrix.counts[row][column]) / Double(total),
          isDiagonal: row == column, x: margin + cell * Double(column),
          y: margin + cell * Double(row), size: cell,
          title: "\(matrix.labels[row]) → \(matrix.labels[column])")
      }
    }
    return svg + "</svg>"
  }

  /// One square of the heat map, with a tooltip (`title`) and its count when it fits.
  private static func heatCell(
    count: Int, share: Double, isDiagonal: Bool, x: Double, y: Double, size: Double, title: String
  ) -> String {
    let strength = count == 0 ? 0 : 0.12 + 0.88 * share.squareRoot()
    let hue = isDiagonal ? "43,108,176" : "200,60,50"
    var svg = "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(size - 1))\" "
    svg += "height=\"\(number(size - 1))\" fill=\"rgba(\(hue),\(number(strength, 3)))\" "
    svg += "class=\"cell\"><title>\(escape(title)): \(count)</title></rect>"
    if count > 0 && size >= 24 {
      let ink = strength > 0.55 ? "#fff" : "#222"
      svg += "<text x=\"\(number(x + size / 2))\" y=\"\(number(y + size / 2 + 3))\" "
      svg += "text-anchor=\"middle\" class=\"count\" fill=\"\(ink)\">\(count)</text>"
    }
    return svg
  }
}
