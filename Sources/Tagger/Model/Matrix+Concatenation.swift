extension Matrix {
  /// `[a | b]`: the columns of `a` followed by the columns of `b`.
  static func concatenatingColumns(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.rows == b.rows, "concatenate: [\(a.rows)×\(a.columns)] | [\(b.rows)×\(b.columns)]")
    var result = Matrix(rows: a.rows, columns: a.columns + b.columns)
    for row in 0..<a.rows {
      let target = row * result.columns
      for column in 0..<a.columns {
        result.storage[target + column] = a.storage[row * a.columns + column]
      }
      for column in 0..<b.columns {
        result.storage[target + a.columns + column] = b.storage[row * b.columns + column]
      }
    }
    return result
  }

  /// Columns `range` of every row.
  func columns(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= columns, "columns \(range) of [\(rows)×\(columns)]")
    var result = Matrix(rows: rows, columns: range.count)
    for row in 0..<rows {
      for (offset, column) in range.enumerated() {
        result.storage[row * range.count + offset] = storage[row * columns + column]
      }
    }
    return result
  }

  /// The rows `indices` of `self`; an index of -1 gives a zero row (a padding step).
  func gatheringRowsOrZero(_ indices: [Int]) -> Matrix {
    var result = Matrix(rows: indices.count, columns: columns)
    for (target, source) in indices.enumerated() where source >= 0 {
      let from = source &* columns
      let to = target &* columns
      for column in 0..<columns { result.storage[to &+ column] = storage[from &+ column] }
    }
    return result
  }
}
