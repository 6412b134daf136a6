/// Row-wise helpers for the layers and optimizers: gather, scatter-add, broadcast, axpy, norms.
///
/// Every loop runs over contiguous row-major storage with hoisted row offsets and `&+` / `&*`
/// index arithmetic, so plain `-O` vectorises it (PERFORMANCE.md, trap 2).
extension Matrix {
  /// The rows at `indices`, in order, as a new `[indices.count, columns]` matrix.
  ///
  /// - Complexity: O(`indices.count` × `columns`).
  func gatheringRows(_ indices: [Int]) -> Matrix {
    var result = Matrix(rows: indices.count, columns: columns)
    for (target, source) in indices.enumerated() {
      precondition(
        source >= 0 && source < rows, "gatheringRows: row \(source) of [\(rows)×\(columns)]")
      let from = source &* columns
      let to = target &* columns
      for column in 0..<columns { result.storage[to &+ column] = storage[from &+ column] }
    }
    return result
  }

  /// Adds row `i` of `source` into row `indices[i]` of `self`; repeated indices accumulate.
  ///
  /// Rows whose index equals `skippedRow` are left alone (the `<pad>` row of an embedding).
  mutating func scatterAddRows(_ source: Matrix, at indices: [Int], skippingRow skippedRow: Int?) {
    precondition(
      source.rows == indices.count && source.columns == columns,
      "scatterAddRows: [\(source.rows)×\(source.columns)] at \(indices.count) rows "
        + "into [\(rows)×\(columns)]")
    for (sourceRow, target) in indices.enumerated() where target != skippedRow {
      precondition(
        target >= 0 && target < rows, "scatterAddRows: row \(target) of [\(rows)×\(columns)]")
      let from = sourceRow &* source.columns
      let to = target &* columns
      for column in 0..<columns { storage[to &+ column] += source.storage[from &+ column] }
    }
  }

  /// Adds row `sourceRow` of `source` into row `targetRow` of `self` (same column count).
  mutating func addRow(_ sourceRow: Int, of source: Matrix, toRow targetRow: Int) {
    precondition(
      source.columns == columns && (0..<source.rows).contains(sourceRow)
        && (0..<rows).contains(targetRow),
      "addRow: row \(sourceRow) of [\(source.rows)×\(source.columns)] to row \(targetRow) of [\(rows)×\(columns)]"
    )
    let from = sourceRow &* columns
    let to = targetRow &* columns
    for column in 0..<columns { storage[to &+ column] += source.storage[from &+ column] }
  }

  /// Adds the row vector `row` (`[1, columns]`) to every row (a bias).
  mutating func addToEveryRow(_ row: Matrix) {
    precondition(
      row.rows == 1 && row.columns == columns,
      "addToEveryRow: [\(row.rows)×\(row.columns)] onto [\(rows)×\(columns)]")
    for index in 0..<rows {
      let offset = index &* columns
      for column in 0..<columns { storage[offset &+ column] += row.storage[column] }
    }
  }

  /// Adds the column sums of `other` (`[R, columns]`) into this `[1, columns]` row (a bias gradient).
  mutating func addColumnSums(of other: Matrix) {
    precondition(
      rows == 1 && other.columns == columns,
      "addColumnSums: sums of [\(other.rows)×\(other.columns)] into [\(rows)×\(columns)]")
    for index in 0..<other.rows {
      let offset = index &* columns
      for column in 0..<columns { storage[column] += other.storage[offset &+ column] }
    }
  }

  /// `self ← self + alpha · other` (BLAS `axpy`).
  mutating func add(_ other: Matrix, scaledBy alpha: Float) {
    precondition(
      rows == other.rows && columns == other.columns,
      "add(scaledBy:): [\(rows)×\(columns)] + [\(other.rows)×\(other.columns)]")
    for index in storage.indices { storage[index] += alpha * other.storage[index] }
  }

  /// Multiplies every element by `factor`.
  mutating func scale(by factor: Float) {
    for index in storage.indices { storage[index] *= factor }
  }

  /// The sum of the squared elements, accumulated in `Double`.
  ///
  /// Eight `Double` lanes (two independent accumulators) instead of one serial sum: gradient
  /// clipping calls this on every parameter at every training step.
  func sumOfSquares() -> Double {
    storage.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      let raw = UnsafeRawPointer(base)
      var low = SIMD4<Double>.zero
      var high = SIMD4<Double>.zero
      var index = 0
      while index + 8 <= buffer.count {
        let values = raw.loadUnaligned(
          fromByteOffset: index * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
        let lowValues = SIMD4<Double>(values.lowHalf)
        let highValues = SIMD4<Double>(values.highHalf)
        low += lowValues * lowValues
        high += highValues * highValues
        index += 8
      }
      var total = (low + high).sum()
      while index < buffer.count {
        total += Double(base[index]) * Double(base[index])
        index += 1
      }
      return total
    }
  }

  /// True when every element of row `index` is zero (`-0.0` included).
  ///
  /// ORs the bit patterns without the sign bit instead of exiting early, so the loop vectorises;
  /// a NaN or any nonzero value leaves bits set.
  func isZeroRow(_ index: Int) -> Bool {
    let offset = index &* columns
    var bits: UInt32 = 0
    for column in 0..<columns { bits |= storage[offset &+ column].bitPattern & 0x7FFF_FFFF }
    return bits == 0
  }
}
