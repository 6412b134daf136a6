/// One direction of one recurrent layer over a padded, time-major `SequenceBatch`.
///
/// T = steps, B = batch size, D = `inputSize`, H = `hiddenSize`, G = `kind.gateCount`. PyTorch
/// layout: `wx` is `[G·H, D]`, `wh` is `[G·H, H]`, `bx` and `bh` are `[1, G·H]`, gate blocks in
/// PyTorch's order: LSTM `i, f, g, o`; GRU `r, z, n` with
/// `n = tanh(Wx_n·x + bx_n + r ⊙ (Wh_n·h + bh_n))`; RNN a single `tanh` block.
///
/// The input projection `X·Wxᵀ` runs as one `gemm` over all `T·B` rows; each step then adds only
/// `h_{t-1}·Whᵀ` for the sequences still running (a `gemm` with M ≤ B, `gemv` when one runs).
public struct RecurrentLayer: ParameterContainer, Sendable, Equatable {
  /// The cell.
  public var kind: CellKind
  /// Input weights, `[G·H, D]`.
  public var wx: Matrix { didSet { inferenceWeights = nil } }
  /// Recurrent weights, `[G·H, H]`.
  public var wh: Matrix { didSet { inferenceWeights = nil } }
  /// `wx` and `wh` packed once for inference (`packForInference()`), or nil: any change to
  /// either weight drops them, so they never describe other weights than the layer's own.
  var inferenceWeights: InferenceWeights?
  /// Input bias, `[1, G·H]`.
  public var bx: Matrix
  /// Recurrent bias, `[1, G·H]`.
  public var bh: Matrix

  /// `D`, the width of each input row.
  public var inputSize: Int { wx.columns }

  /// `H`, the width of each hidden state.
  public var hiddenSize: Int { wh.columns }

  /// A layer initialised like PyTorch: every weight and bias uniform in `(-1/√H, 1/√H)`, drawn
  /// from `rng` in the order `wx, wh, bx, bh` (row-major). An LSTM's forget-gate biases are then
  /// set to `bx_f = 1`, `bh_f = 0`, so the forget gate starts mostly open (Jozefowicz et al. 2015).
  public init(kind: CellKind, inputSize: Int, hiddenSize: Int, using rng: inout SplitMix64) {
    precondition(
      inputSize >= 1 && hiddenSize >= 1,
      "RecurrentLayer: input size \(inputSize) and hidden size \(hiddenSize) must be >= 1")
    let gateRows = kind.gateCount * hiddenSize
    let bound = 1 / Float(hiddenSize).squareRoot()
    func uniform(_ rows: Int, _ columns: Int) -> Matrix {
      Matrix(
        rows: rows, columns: columns,
        storage: (0..<rows * columns).map { _ in rng.nextFloat(in: -bound, bound) })
    }
    self.kind = kind
    wx = uniform(gateRows, inputSize)
    wh = uniform(gateRows, hiddenSize)
    bx = uniform(1, gateRows)
    bh = uniform(1, gateRows)
    if kind == .lstm {
      for unit in hiddenSize..<2 * hiddenSize {
        bx[0, unit] = 1
        bh[0, unit] = 0
      }
    }
  }

  /// A layer with the given parameters (PyTorch layout; shapes checked).
  public init(kind: CellKind, wx: Matrix, wh: Matrix, bx: Matrix, bh: Matrix) {
    let gateRows = kind.gateCount * wh.columns
    precondition(
      wx.rows == gateRows && wh.rows == gateRows && bx.shape == [1, gateRows]
        && bh.shape == [1, gateRows],
      "RecurrentLayer(\(kind)): wx \(wx.shape), wh \(wh.shape), bx \(bx.shape), bh \(bh.shape);"
        + " expected wx [\(gateRows), D], wh [\(gateRows), \(wh.columns)], biases [1, \(gateRows)]")
    self.kind = kind
    self.wx = wx
    self.wh = wh
    self.bx = bx
    self.bh = bh
  }

  /// Layers are equal when their cells and parameters are (packed copies aside).
  public static func == (lhs: RecurrentLayer, rhs: RecurrentLayer) -> Bool {
    lhs.kind == rhs.kind && lhs.wx == rhs.wx && lhs.wh == rhs.wh && lhs.bx == rhs.bx
      && lhs.bh == rhs.bh
  }

  /// `"wx"`, `"wh"`, `"bx"`, `"bh"`.
  public var parameterPaths: [(name: String, path: WritableKeyPath<RecurrentLayer, Matrix>)] {
    [("wx", \.wx), ("wh", \.wh), ("bx", \.bx), ("bh", \.bh)]
  }

  /// In place, in `parameterPaths` order: a key path to `wx` or `wh` (observed properties) is
  /// written through a getter and a setter, which would copy the matrix first.
  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    body(&wx)
    body(&wh)
    body(&bx)
    body(&bh)
  }
}
