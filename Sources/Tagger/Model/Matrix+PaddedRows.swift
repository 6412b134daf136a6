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

  /// Sets the padded rows of a `[T·B, ·]` matrix of `batch` (steps `t >= lengths[b]`) to zero.
  mutating func zeroPaddedRows(of batch: SequenceBatch) {
    precondition(
      rows == batch.rowCount,
      "Matrix.zeroPaddedRows: \(rows) rows for a batch of \(batch.rowCount)")
    let width = columns
    let batchSize = batch.batchSize
    storage.withUnsafeMutableBufferPointer { values in
      for (sequence, length) in batch.lengths.enumerated() where length < batch.maxLength {
        for step in length..<batch.maxLength {
          let start = (step * batchSize + sequence) * width
          values[start..<start + width].update(repeating: 0)
        }
      }
    }
  }
}
