import Dispatch

/// Elementwise and row/column shuffling helpers used by the recurrent layers.
///
/// Loops run on unsafe buffers with wrapping index arithmetic so `-O` vectorises them
/// (overflow checks, not bounds checks, are what stop vectorisation; see PERFORMANCE.md).
extension Matrix {
  /// `count` copies of the one-row matrix `row`: a bias broadcast over a batch, `[count × N]`.
  static func broadcasting(row: Matrix, count: Int) -> Matrix {
    precondition(
      row.rows == 1, "broadcasting: expected a [1×N] row, got [\(row.rows)×\(row.columns)]")
    let width = row.columns
    let storage = [Float](unsafeUninitializedCapacity: count * width) { buffer, initialized in
      row.storage.withUnsafeBufferPointer { source in
        for index in 0..<count {
          for column in 0..<width { buffer[index &* width &+ column] = source[column] }
        }
      }
      initialized = count * width
    }
    return Matrix(rows: count, columns: width, storage: storage)
  }

  /// `[left | right]`: the columns of `left` followed by those of `right` (same row count).
  static func concatenatingColumns(_ left: Matrix, _ right: Matrix) -> Matrix {
    precondition(
      left.rows == right.rows,
      "concatenatingColumns: [\(left.rows)×\(left.columns)] | [\(right.rows)×\(right.columns)]")
    let (rows, leftWidth, rightWidth) = (left.rows, left.columns, right.columns)
    let width = leftWidth + rightWidth
    let storage = [Float](unsafeUninitializedCapacity: rows * width) { buffer, initialized in
      left.storage.withUnsafeBufferPointer { l in
        right.storage.withUnsafeBufferPointer { r in
          for row in 0..<rows {
            let base = row &* width
            for column in 0..<leftWidth { buffer[base &+ column] = l[row &* leftWidth &+ column] }
            for column in 0..<rightWidth {
              buffer[base &+ leftWidth &+ column] = r[row &* rightWidth &+ column]
            }
          }
        }
      }
      initialized = rows * width
    }
    return Matrix(rows: rows, columns: width, storage: storage)
  }

  /// The columns `columns` of every row, as a new `[rows × columns.count]` matrix.
  func columns(_ columns: Range<Int>) -> Matrix {
    precondition(
      columns.lowerBound >= 0 && columns.upperBound <= self.columns,
      "columns: \(columns) of [\(rows)×\(self.columns)]")
    let (rowCount, width, stride, start) = (rows, columns.count, self.columns, columns.lowerBound)
    let storage = [Float](unsafeUninitializedCapacity: rowCount * width) { buffer, initialized in
      self.storage.withUnsafeBufferPointer { source in
        for row in 0..<rowCount {
          for column in 0..<width {
            buffer[row &* width &+ column] = source[row &* stride &+ start &+ column]
          }
        }
      }
      initialized = rowCount * width
    }
    return Matrix(rows: rowCount, columns: width, storage: storage)
  }

  /// Adds the sum of every row of `source` to the one-row matrix `sums` (`[1 × N]`): a bias
  /// gradient from the gradients of a batch of pre-activations.
  static func addColumnSums(of source: Matrix, into sums: inout Matrix) {
    precondition(
      sums.rows == 1 && sums.columns == source.columns,
      "addColumnSums: [\(source.rows)×\(source.columns)] into [\(sums.rows)×\(sums.columns)]")
    let (rows, width) = (source.rows, source.columns)
    source.storage.withUnsafeBufferPointer { s in
      sums.storage.withUnsafeMutableBufferPointer { total in
        for row in 0..<rows {
          let base = row &* width
          for column in 0..<width { total[column] += s[base &+ column] }
        }
      }
    }
  }

  /// Multiplies every element by the element of `mask` at the same place (a dropout mask).
  mutating func multiplyElementwise(by mask: Matrix) {
    precondition(
      rows == mask.rows && columns == mask.columns,
      "multiplyElementwise: [\(rows)×\(columns)] ⊙ [\(mask.rows)×\(mask.columns)]")
    let count = storage.count
    mask.storage.withUnsafeBufferPointer { m in
      storage.withUnsafeMutableBufferPointer { values in
        for index in 0..<count { values[index] *= m[index] }
      }
    }
  }

  /// A matrix whose row `i` is row `rows[i]` of `self`, or zeros where `rows[i]` is nil.
  func gatheringRows(_ rows: [Int?]) -> Matrix {
    var result = Matrix(rows: rows.count, columns: columns)
    let width = columns
    storage.withUnsafeBufferPointer { source in
      result.storage.withUnsafeMutableBufferPointer { target in
        for (index, row) in rows.enumerated() {
          guard let row else { continue }
          for column in 0..<width {
            target[index &* width &+ column] = source[row &* width &+ column]
          }
        }
      }
    }
    return result
  }

  /// Adds row `i` of `source` to row `rows[i]` of `self`, skipping nil entries.
  mutating func addRows(of source: Matrix, at rows: [Int?]) {
    precondition(
      source.rows == rows.count && source.columns == columns,
      "addRows: [\(source.rows)×\(source.columns)] at \(rows.count) rows of [\(self.rows)×\(columns)]"
    )
    let width = columns
    source.storage.withUnsafeBufferPointer { s in
      storage.withUnsafeMutableBufferPointer { target in
        for (index, row) in rows.enumerated() {
          guard let row else { continue }
          for column in 0..<width { target[row &* width &+ column] += s[index &* width &+ column] }
        }
      }
    }
  }
}

extension Matrix {
  /// `self ← decay · self + (1 − decay) · target`: one step of an exponential moving average.
  mutating func moveAverage(towards target: Matrix, decay: Float, usingTwoThreads: Bool = false) {
    precondition(
      rows == target.rows && columns == target.columns,
      "moveAverage: [\(rows)×\(columns)] towards [\(target.rows)×\(target.columns)]")
    let weight = 1 - decay
    target.storage.withUnsafeBufferPointer { source in
      storage.withUnsafeMutableBufferPointer { average in
        let buffers = AverageBuffers(source: source, average: average)
        guard usingTwoThreads, let halves = TwoHalves([0..<average.count]) else {
          buffers.move(over: 0..<average.count, weight: weight)
          return
        }
        DispatchQueue.concurrentPerform(iterations: 2) { half in
          for range in halves.ranges[half] { buffers.move(over: range, weight: weight) }
        }
      }
    }
  }
}

/// The buffers of `moveAverage`, shared by its two threads, which write disjoint elements.
private struct AverageBuffers: @unchecked Sendable {
  let source: UnsafeBufferPointer<Float>
  let average: UnsafeMutableBufferPointer<Float>

  func move(over range: Range<Int>, weight: Float) {
    for index in range {
      average[index] = average[index] + weight * (source[index] - average[index])
    }
  }
}
