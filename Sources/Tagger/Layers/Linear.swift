/// An affine layer: `y = x · Wᵀ + b`.
///
/// N = rows (tokens), In = input size, Out = output size. `weight` is `[Out, In]` (PyTorch
/// layout), `bias` is `[1, Out]`, `x` is `[N, In]` and the result is `[N, Out]`.
public struct Linear: ParameterContainer, Sendable, Equatable {
  /// The weights, `[Out, In]`.
  public var weight: Matrix
  /// The bias, `[1, Out]`.
  public var bias: Matrix

  /// A layer with Glorot (Xavier) uniform weights and a zero bias.
  ///
  /// Weights are drawn from U(-a, a) with `a = sqrt(6 / (In + Out))` (Glorot & Bengio 2010),
  /// row after row.
  public init(inputSize: Int, outputSize: Int, using rng: inout SplitMix64) {
    precondition(
      inputSize >= 1 && outputSize >= 1, "Linear: input size \(inputSize), output \(outputSize)")
    let limit = (6 / Float(inputSize + outputSize)).squareRoot()
    var storage = [Float](repeating: 0, count: outputSize * inputSize)
    for index in storage.indices { storage[index] = rng.nextFloat(in: -limit, limit) }
    weight = Matrix(rows: outputSize, columns: inputSize, storage: storage)
    bias = Matrix(rows: 1, columns: outputSize)
  }

  /// A layer over existing parameters (a loaded model or a test).
  public init(weight: Matrix, bias: Matrix) {
    precondition(
      bias.rows == 1 && bias.columns == weight.rows,
      "Linear: weight [\(weight.rows)×\(weight.columns)], bias [\(bias.rows)×\(bias.columns)]")
    self.weight = weight
    self.bias = bias
  }

  /// The input size In.
  public var inputSize: Int { weight.columns }

  /// The output size Out.
  public var outputSize: Int { weight.rows }

  /// The named parameters: `"weight"`, `"bias"`.
  public var parameterPaths: [(name: String, path: WritableKeyPath<Linear, Matrix>)] {
    [(name: "weight", path: \.weight), (name: "bias", path: \.bias)]
  }

  /// `x · Wᵀ + b`: `[N, In]` → `[N, Out]`.
  public func forward(_ x: Matrix) -> Matrix {
    precondition(
      x.columns == weight.columns,
      "Linear.forward: x [\(x.rows)×\(x.columns)], weight [\(weight.rows)×\(weight.columns)]")
    var output = Matrix(rows: x.rows, columns: weight.rows)
    Matrix.gemm(x, weight, transposeB: true, into: &output)
    output.addToEveryRow(bias)
    return output
  }

  /// Adds `dW = dYᵀ · x` and `db = Σ_rows dY` into `gradients` and returns `dx = dY · W`.
  ///
  /// - Parameters:
  ///   - dOutput: dY, `[N, Out]`.
  ///   - x: The input given to `forward`, `[N, In]`.
  ///   - gradients: The accumulator (same shapes as `self`).
  /// - Returns: dx, `[N, In]`.
  public func backward(_ dOutput: Matrix, input x: Matrix, into gradients: inout Linear) -> Matrix {
    precondition(
      dOutput.rows == x.rows && dOutput.columns == weight.rows && x.columns == weight.columns,
      "Linear.backward: dY [\(dOutput.rows)×\(dOutput.columns)], x [\(x.rows)×\(x.columns)], "
        + "weight [\(weight.rows)×\(weight.columns)]")
    Matrix.gemm(dOutput, x, transposeA: true, beta: 1, into: &gradients.weight)
    gradients.bias.addColumnSums(of: dOutput)
    var dInput = Matrix(rows: x.rows, columns: weight.columns)
    Matrix.gemm(dOutput, weight, into: &dInput)
    return dInput
  }
}
