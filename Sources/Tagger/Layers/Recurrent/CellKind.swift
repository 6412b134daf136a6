/// The recurrent cell of a layer.
public enum CellKind: String, CaseIterable, Sendable, Codable {
  /// Long short-term memory, gates `i, f, g, o` (Hochreiter & Schmidhuber 1997; PyTorch layout).
  case lstm
  /// Gated recurrent unit, gates `r, z, n` with the reset gate applied after `Wh` (Cho et al.
  /// 2014, as in PyTorch and cuDNN).
  case gru
  /// Elman network with `tanh`.
  case rnn

  /// `G`, the number of gate blocks of `H` rows in `wx` and `wh`.
  public var gateCount: Int {
    switch self {
    case .lstm: 4
    case .gru: 3
    case .rnn: 1
    }
  }
}
