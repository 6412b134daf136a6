/// A dense, row-major matrix of `Float`.
///
/// The numeric core's only container: parameters, activations and gradients are all `Matrix`
/// values. Copy-on-write comes from the `[Float]` storage.
public struct Matrix: Sendable, Equatable {
  /// Number of rows.
  public private(set) var rows: Int
  /// Number of columns.
  public private(set) var columns: Int
  /// The elements, row after row. Invariant: `storage.count == rows * columns`.
  var storage: [Float]

  /// A zero-filled matrix.
  public init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative shape [\(rows)×\(columns)]")
    self.rows = rows
    self.columns = columns
    self.storage = [Float](repeating: 0, count: rows * columns)
  }

  /// A matrix over existing row-major elements.
  public init(rows: Int, columns: Int, storage: [Float]) {
    precondition(
      storage.count == rows * columns,
      "Matrix: \(storage.count) elements for shape [\(rows)×\(columns)]")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// A matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Float) {
    self.init(rows: rows, columns: columns, storage: [Float](repeating: value, count: rows * columns))
  }

  /// The element at `row`, `column`.
  public subscript(row: Int, column: Int) -> Float {
    get { storage[row * columns + column] }
    set { storage[row * columns + column] = newValue }
  }

  /// The row-major elements.
  public var elements: [Float] { storage }

  /// The number of elements.
  public var count: Int { storage.count }

  /// The shape as `[rows, columns]`.
  public var shape: [Int] { [rows, columns] }

  /// One row as an array.
  public func row(_ index: Int) -> [Float] {
    Array(storage[index * columns..<(index + 1) * columns])
  }

  /// Sets every element to zero, keeping the shape and the allocation.
  public mutating func zero() {
    storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
  }

  /// Changes the shape, reusing the allocation when it is large enough; elements become zero.
  mutating func resize(rows newRows: Int, columns newColumns: Int) {
    let needed = newRows * newColumns
    if storage.count != needed {
      storage = [Float](repeating: 0, count: needed)
    } else {
      zero()
    }
    rows = newRows
    columns = newColumns
  }

  /// Adds `other` elementwise.
  public static func += (lhs: inout Matrix, rhs: Matrix) {
    precondition(
      lhs.rows == rhs.rows && lhs.columns == rhs.columns,
      "+=: [\(lhs.rows)×\(lhs.columns)] + [\(rhs.rows)×\(rhs.columns)]")
    for index in lhs.storage.indices { lhs.storage[index] += rhs.storage[index] }
  }

  /// The transpose.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for row in 0..<rows {
      for column in 0..<columns { result.storage[column * rows + row] = storage[row * columns + column] }
    }
    return result
  }
}
