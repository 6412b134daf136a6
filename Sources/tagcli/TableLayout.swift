/// A plain-text table with aligned columns, optionally styled per cell (ANSI colours).
///
/// Widths are measured on the unstyled text, so escape codes never shift the columns.
struct TableLayout {
  /// How a column's cells are aligned.
  enum Alignment {
    case left, right
  }

  /// The column titles.
  var headers: [String]
  /// One alignment per column.
  var alignments: [Alignment]
  /// The body rows; each has one cell per column.
  var rows: [[String]] = []

  /// Creates an empty table.
  init(headers: [String], alignments: [Alignment]) {
    precondition(
      headers.count == alignments.count,
      "TableLayout: \(headers.count) headers, \(alignments.count) alignments")
    self.headers = headers
    self.alignments = alignments
  }

  /// Appends a row.
  mutating func append(_ row: [String]) {
    precondition(
      row.count == headers.count, "TableLayout: row of \(row.count), \(headers.count) columns")
    rows.append(row)
  }

  /// The table as lines joined with `\n` (ending with one), columns two spaces apart.
  ///
  /// - Parameters:
  ///   - indent: spaces before every line.
  ///   - style: wraps a padded cell; gets the row (-1 for the header), the column and the cell.
  func render(
    indent: Int = 0, style: (_ row: Int, _ column: Int, _ padded: String) -> String = { $2 }
  ) -> String {
    let allRows = [headers] + rows
    let widths = headers.indices.map { column in
      allRows.map { $0[column].count }.max() ?? 0
    }
    let prefix = String(repeating: " ", count: indent)
    var text = ""
    for (rowIndex, row) in allRows.enumerated() {
      let cells = row.indices.map { column in
        style(rowIndex - 1, column, Self.pad(row[column], widths[column], alignments[column]))
      }
      let line = prefix + cells.joined(separator: "  ")
      text += String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
    }
    return text
  }

  /// `text` padded with spaces to `width` characters.
  static func pad(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return alignment == .left ? text + padding : padding + text
  }
}
