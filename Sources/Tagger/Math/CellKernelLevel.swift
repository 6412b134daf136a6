import CTaggerKernels
import Foundation

/// The instruction set of the recurrent cells' pointwise kernels (`CellKernels`), chosen once at
/// start-up from what the CPU has.
///
/// `avx512` and `avx2` are the C kernels of the `CTaggerKernels` target (fused multiply-adds,
/// 16 or 8 lanes, bit-identical to each other); `portable` is the Swift SIMD8 code, the reference
/// the others are tested against, used where the CPU has neither.
public enum CellKernelLevel: String, CaseIterable, Comparable, Sendable {
  case portable
  case avx2
  case avx512

  /// The environment variable that asks for a lower level than the best (`portable`, `avx2`).
  public static let environmentKey = "TAGCLI_KERNELS"

  /// The best level this CPU supports.
  public static let supported: CellKernelLevel =
    tk_cpu_has_avx512f() != 0 ? .avx512 : tk_cpu_has_avx2_fma() != 0 ? .avx2 : .portable

  /// The level every cell kernel uses in this process.
  public static let active = select(
    supported: supported, requested: ProcessInfo.processInfo.environment[environmentKey])

  /// The level to use: `requested` when given, known and supported, otherwise the best one.
  ///
  /// A request above what the CPU has (AVX-512 on an AVX2 machine) gets the best supported
  /// level, never an instruction the CPU lacks.
  static func select(supported: CellKernelLevel, requested: String?) -> CellKernelLevel {
    guard let requested, let level = CellKernelLevel(rawValue: requested.lowercased()) else {
      return supported
    }
    return min(level, supported)
  }

  /// Whether this CPU can run the level's kernels.
  public var isSupported: Bool { self <= Self.supported }

  public static func < (lhs: CellKernelLevel, rhs: CellKernelLevel) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
