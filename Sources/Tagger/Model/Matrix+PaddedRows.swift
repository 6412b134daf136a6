extension Matrix {
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
