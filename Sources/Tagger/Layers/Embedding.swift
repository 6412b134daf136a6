/// A lookup table from ids to vectors.
///
/// V = vocabulary size, E = embedding size, N = looked-up ids (tokens or characters).
/// `table` is `[V, E]`. Id 0 is `<pad>`: its row starts at zero and never receives a gradient, so
/// it stays zero (PyTorch's `padding_idx = 0`). Id 1 is `<unk>`, an ordinary trained row.
public struct Embedding: ParameterContainer, Sendable, Equatable {
  /// The reserved id of padding, whose row stays zero.
  public static let paddingID = 0
  /// The reserved id of unknown words.
  public static let unknownID = 1

  /// The vectors, `[V, E]`.
  public var table: Matrix

  /// A table with rows drawn from U(-0.1, 0.1) and a zero `<pad>` row.
  ///
  /// - Parameters:
  ///   - vocabularySize: V, including the reserved ids 0 and 1.
  ///   - dimension: E.
  ///   - rng: The generator; consumes `V × E` draws, row 0 included, so the stream does not
  ///     depend on which rows are reserved.
  public init(vocabularySize: Int, dimension: Int, using rng: inout SplitMix64) {
    precondition(
      vocabularySize >= 2 && dimension >= 1,
      "Embedding: vocabulary \(vocabularySize) (needs <pad> and <unk>), dimension \(dimension)")
    var storage = [Float](repeating: 0, count: vocabularySize * dimension)
    for index in storage.indices { storage[index] = rng.nextFloat(in: -0.1, 0.1) }
    for column in 0..<dimension { storage[Self.paddingID * dimension + column] = 0 }
    table = Matrix(rows: vocabularySize, columns: dimension, storage: storage)
  }

  /// A table over existing vectors (a loaded model or a test).
  public init(table: Matrix) {
    self.table = table
  }

  /// The vocabulary size V.
  public var vocabularySize: Int { table.rows }

  /// The embedding size E.
  public var dimension: Int { table.columns }

  /// The named parameters: `"table"`.
  public var parameterPaths: [(name: String, path: WritableKeyPath<Embedding, Matrix>)] {
    [(name: "table", path: \.table)]
  }

  /// The rows of `ids`: `[N, E]`.
  public func forward(_ ids: [Int]) -> Matrix {
    table.gatheringRows(ids)
  }

  /// Adds `dOutput` (`[N, E]`) into the rows of `gradients.table` named by `ids`.
  ///
  /// Sparse: only the looked-up rows change, repeated ids accumulate, and the `<pad>` row
  /// receives nothing.
  ///
  /// - Complexity: O(N × E), independent of V.
  public func backward(_ dOutput: Matrix, ids: [Int], into gradients: inout Embedding) {
    precondition(
      gradients.table.rows == table.rows && gradients.table.columns == table.columns,
      "Embedding.backward: gradients [\(gradients.table.rows)×\(gradients.table.columns)], "
        + "table [\(table.rows)×\(table.columns)]")
    gradients.table.scatterAddRows(dOutput, at: ids, skippingRow: Self.paddingID)
  }
}
