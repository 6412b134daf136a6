import Tagger

extension ReportSVG {
  /// A reliability diagram: per confidence bin, a bar of the accuracy against the diagonal of
  /// perfect calibration, with the bin's share of tokens printed under it.
  static func reliabilityDiagram(_ diagram: ReliabilityDiagram, title: String) -> String {
    let size = 260.0
    let left = 40.0
    let top = 24.0
    let bottom = 34.0
    let width = left + size + 16
    let height = top + size + bottom
    let total = max(diagram.bins.reduce(0) { $0 + $1.count }, 1)
    var svg = open(width: width, height: height, label: title)
    svg += "<text x=\"\(number(left))\" y=\"14\" class=\"chart-title\">\(escape(title))</text>"
    func x(_ value: Double) -> Double { left + size * value }
    func y(_ value: Double) -> Double { top + size * (1 - value) }
    for tick in [0.0, 0.5, 1.0] {
      svg += "<line x1=\"\(number(x(0)))\" y1=\"\(number(y(tick)))\" x2=\"\(number(x(1)))\" "
      svg += "y2=\"\(number(y(tick)))\" class=\"grid\"/>"
      svg += "<text x=\"\(number(left - 4))\" y=\"\(number(y(tick) + 4))\" text-anchor=\"end\" "
      svg += "class=\"tick\">\(number(tick, 1))</text>"
      svg += "<text x=\"\(number(x(tick)))\" y=\"\(number(top + size + 14))\" "
      svg += "text-anchor=\"middle\" class=\"tick\">\(number(tick, 1))</text>"
    }
    for bin in diagram.bins where bin.count > 0 {
      let barWidth = size * (bin.upper - bin.lower)
      svg += "<rect x=\"\(number(x(bin.lower) + 1))\" y=\"\(number(y(bin.accuracy)))\" "
      svg += "width=\"\(number(barWidth - 2))\" height=\"\(number(size * bin.accuracy))\" "
      svg +=
        "fill=\"#2b6cb0\" fill-opacity=\"\(number(0.35 + 0.65 * Double(bin.count) / Double(total), 2))\">"
      svg += "<title>confidence \(number(bin.meanConfidence, 3)), accuracy "
      svg += "\(number(bin.accuracy, 3)), \(bin.count) tokens</title></rect>"
    }
    svg += "<line x1=\"\(number(x(0)))\" y1=\"\(number(y(0)))\" x2=\"\(number(x(1)))\" "
    svg += "y2=\"\(number(y(1)))\" stroke=\"#c8553d\" stroke-dasharray=\"4 3\"/>"
    svg += "<text x=\"\(number(x(0.5)))\" y=\"\(number(height - 4))\" text-anchor=\"middle\" "
    svg += "class=\"tick\">confidence (bars: accuracy)</text>"
    return svg + "</svg>"
  }
}

extension ReportHTML {
  /// The calibration section: figures before and after temperature scaling and both diagrams.
  static func calibrationSection(_ report: CalibrationReport) -> String {
    let rows = [
      [
        "before (T = 1)", String(format: "%.4f", report.nllBefore),
        figure(report.before.expectedCalibrationError),
      ],
      [
        "after (T = \(String(format: "%.3f", report.temperature)))",
        String(format: "%.4f", report.nllAfter), figure(report.after.expectedCalibrationError),
      ],
    ]
    let before = ReportSVG.reliabilityDiagram(report.before, title: "before scaling")
    let after = ReportSVG.reliabilityDiagram(report.after, title: "after scaling")
    return
      "<p>temperature \(String(format: "%.3f", report.temperature)) (\(report.source.rawValue)), "
      + "\(report.tokens) tokens, \(ReliabilityDiagram.binCount) equal-width bins</p>"
      + table(["", "NLL (nats/token)", "ECE (%)"], rows)
      + "<div class=\"curves\">\(before)\(after)</div>"
  }
}
