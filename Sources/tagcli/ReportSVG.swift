import Foundation

/// Inline SVG charts for the HTML report: bars, a heat map and line charts.
///
/// Everything is drawn from numbers alone, with no script and no external resource.
enum ReportSVG {
  /// `text` with the five XML special characters escaped.
  static func escape(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// A number with `decimals` decimals, for coordinates and labels.
  static func number(_ value: Double, _ decimals: Int = 1) -> String {
    String(format: "%.\(decimals)f", value)
  }

  /// Horizontal bars of percentages (0-100), one row per item, the value printed after each bar.
  static func barChart(_ items: [(label: String, value: Double, note: String)]) -> String {
    let labelWidth = 7.0 * Double(min(max(items.map(\.label.count).max() ?? 1, 4), 24)) + 14
    let barWidth = 420.0
    let rowHeight = 20.0
    let width = labelWidth + barWidth + 150
    let height = rowHeight * Double(items.count) + 24
    var svg = open(width: width, height: height, label: "bar chart")
    for tick in stride(from: 0.0, through: 100, by: 25) {
      let x = labelWidth + barWidth * tick / 100
      svg += "<line x1=\"\(number(x))\" y1=\"0\" x2=\"\(number(x))\" y2=\"\(number(height - 18))\" "
      svg += "class=\"grid\"/><text x=\"\(number(x))\" y=\"\(number(height - 4))\" "
      svg += "text-anchor=\"middle\" class=\"tick\">\(Int(tick))</text>"
    }
    for (index, item) in items.enumerated() {
      let y = rowHeight * Double(index)
      let length = barWidth * min(max(item.value, 0), 100) / 100
      svg += "<text x=\"\(number(labelWidth - 6))\" y=\"\(number(y + 14))\" text-anchor=\"end\">"
      svg += "\(escape(item.label))</text>"
      svg += "<rect x=\"\(number(labelWidth))\" y=\"\(number(y + 3))\" width=\"\(number(length))\" "
      svg += "height=\"\(number(rowHeight - 6))\" fill=\"\(gradeColour(item.value))\"/>"
      svg +=
        "<text x=\"\(number(labelWidth + length + 4))\" y=\"\(number(y + 14))\" class=\"value\">"
      svg += "\(number(item.value, 2))\(item.note.isEmpty ? "" : " " + escape(item.note))</text>"
    }
    return svg + "</svg>"
  }

  /// The colour of a percentage: green from 90, amber from 70, red below.
  static func gradeColour(_ value: Double) -> String {
    value >= 90 ? "#3a9a5b" : value >= 70 ? "#d9a52b" : "#c8553d"
  }

  /// The opening `svg` tag with its size and an accessible label.
  static func open(width: Double, height: Double, label: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width, 0))\" "
      + "height=\"\(number(height, 0))\" viewBox=\"0 0 \(number(width, 0)) \(number(height, 0))\" "
      + "role=\"img\" aria-label=\"\(escape(label))\">"
  }
}
