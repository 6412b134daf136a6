extension ReportSVG {
  /// A line chart of one series over epochs, with its axis range printed at the ends.
  static func lineChart(
    title: String, points: [(x: Double, y: Double)], colour: String, decimals: Int
  ) -> String {
    let width = 360.0
    let height = 220.0
    let left = 56.0
    let bottom = 30.0
    let top = 24.0
    let right = 14.0
    let xs = points.map(\.x)
    let ys = points.map(\.y)
    let (xLow, xHigh) = range(xs)
    let (yLow, yHigh) = range(ys)
    func position(_ point: (x: Double, y: Double)) -> String {
      let x = left + (width - left - right) * (point.x - xLow) / (xHigh - xLow)
      let y = height - bottom - (height - bottom - top) * (point.y - yLow) / (yHigh - yLow)
      return "\(number(x)),\(number(y))"
    }
    var svg = open(width: width, height: height, label: title)
    svg += "<text x=\"\(number(left))\" y=\"14\" class=\"chart-title\">\(escape(title))</text>"
    svg +=
      "<line x1=\"\(number(left))\" y1=\"\(number(height - bottom))\" x2=\"\(number(width - right))\" "
    svg += "y2=\"\(number(height - bottom))\" class=\"axis\"/>"
    svg += "<line x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" "
    svg += "y2=\"\(number(height - bottom))\" class=\"axis\"/>"
    for (value, y) in [(yLow, height - bottom), (yHigh, top)] {
      svg += "<text x=\"\(number(left - 4))\" y=\"\(number(y + 4))\" text-anchor=\"end\" "
      svg += "class=\"tick\">\(number(value, decimals))</text>"
    }
    for (value, anchor) in [(xLow, "start"), (xHigh, "end")] {
      let x = value == xLow ? left : width - right
      svg += "<text x=\"\(number(x))\" y=\"\(number(height - 12))\" text-anchor=\"\(anchor)\" "
      svg += "class=\"tick\">epoch \(Int(value))</text>"
    }
    let path = points.map(position).joined(separator: " ")
    svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
    for point in points {
      let xy = position(point).split(separator: ",")
      svg += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(colour)\"/>"
    }
    return svg + "</svg>"
  }

  /// The lowest and highest value, widened to a nonzero span.
  static func range(_ values: [Double]) -> (low: Double, high: Double) {
    let low = values.min() ?? 0
    let high = values.max() ?? 1
    return high > low ? (low, high) : (low - 1, high + 1)
  }
}
