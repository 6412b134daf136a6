import Foundation
import Testing

@testable import Tagger

/// The C cell kernels of every instruction set this CPU has, against the portable Swift kernels
/// (the reference), on random rows of awkward sizes; and the choice of level at start-up.
@Suite struct CellKernelLevelTests {
  /// The fast levels this CPU can run.
  static let fastLevels = CellKernelLevel.allCases.filter { $0 != .portable && $0.isSupported }

  /// Hidden sizes: under one vector, exactly one AVX2 vector, odd, the character encoder's 50,
  /// and the tagger's 128.
  static let sizes = [1, 7, 8, 13, 16, 50, 128]

  /// Random pre-activations, with some far out in the tails where the activations saturate.
  static func values(_ count: Int, using rng: inout SplitMix64) -> [Float] {
    (0..<count).map { index in
      index % 11 == 3 ? rng.nextFloat(in: -40, 40) : rng.nextFloat(in: -4, 4)
    }
  }

  /// Every element of `fast` within `tolerance` of `reference`.
  static func expectClose(
    _ fast: [Float], _ reference: [Float], tolerance: Float = 1e-5, _ what: String
  ) {
    #expect(fast.count == reference.count)
    let worst = zip(fast, reference).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= tolerance, "\(what): largest difference \(worst)")
  }

  /// LSTM row outputs (gates, cell, hidden) of `level`.
  static func lstmRow(
    _ level: CellKernelLevel, gates: [Float], previousCell: [Float]?, size: Int
  ) -> [Float] {
    var gates = gates
    var previous = previousCell ?? []
    var cell = [Float](repeating: 0, count: size)
    var hidden = [Float](repeating: 0, count: size)
    gates.withUnsafeMutableBufferPointer { g in
      previous.withUnsafeMutableBufferPointer { p in
        cell.withUnsafeMutableBufferPointer { c in
          hidden.withUnsafeMutableBufferPointer { h in
            CellKernels.lstmForwardRow(
              level: level, gates: g.baseAddress!,
              previousCell: previousCell == nil ? nil : p.baseAddress, cell: c.baseAddress!,
              hidden: h.baseAddress!, size: size)
          }
        }
      }
    }
    return gates + cell + hidden
  }

  /// GRU row outputs (gates, recurrentN, hidden) of `level`.
  static func gruRow(
    _ level: CellKernelLevel, gates: [Float], recurrent: [Float]?, bias: [Float],
    previousHidden: [Float]?, size: Int
  ) -> [Float] {
    var gates = gates
    let recurrentValues = recurrent ?? [0]
    let previousValues = previousHidden ?? [0]
    var recurrentN = [Float](repeating: 0, count: size)
    var hidden = [Float](repeating: 0, count: size)
    gates.withUnsafeMutableBufferPointer { g in
      recurrentValues.withUnsafeBufferPointer { r in
        bias.withUnsafeBufferPointer { b in
          previousValues.withUnsafeBufferPointer { p in
            recurrentN.withUnsafeMutableBufferPointer { n in
              hidden.withUnsafeMutableBufferPointer { h in
                CellKernels.gruForwardRow(
                  level: level, gates: g.baseAddress!,
                  recurrent: recurrent == nil ? nil : r.baseAddress, bias: b.baseAddress!,
                  previousHidden: previousHidden == nil ? nil : p.baseAddress,
                  recurrentN: n.baseAddress!, hidden: h.baseAddress!, size: size)
              }
            }
          }
        }
      }
    }
    return gates + recurrentN + hidden
  }

  /// `tanh` of `input` with `level`.
  static func tanhRow(_ level: CellKernelLevel, _ input: [Float]) -> [Float] {
    var output = [Float](repeating: 0, count: input.count)
    input.withUnsafeBufferPointer { x in
      output.withUnsafeMutableBufferPointer { y in
        CellKernels.tanhRow(
          level: level, input: x.baseAddress!, output: y.baseAddress!, size: input.count)
      }
    }
    return output
  }

  @Test func fastKernelsAgreeWithThePortableOnes() throws {
    guard !Self.fastLevels.isEmpty else {
      print("skipped: this CPU has neither AVX2+FMA nor AVX-512, only the portable kernels run")
      return
    }
    var rng = SplitMix64(seed: 7)
    for level in Self.fastLevels {
      for size in Self.sizes {
        let gates = Self.values(4 * size, using: &rng)
        let cell = Self.values(size, using: &rng)
        for previous in [nil, cell] {
          Self.expectClose(
            Self.lstmRow(level, gates: gates, previousCell: previous, size: size),
            Self.lstmRow(.portable, gates: gates, previousCell: previous, size: size),
            "LSTM \(level) size \(size) previous \(previous != nil)")
        }
        let gruGates = Self.values(3 * size, using: &rng)
        let recurrent = Self.values(3 * size, using: &rng)
        let bias = Self.values(3 * size, using: &rng)
        let hidden = Self.values(size, using: &rng).map { $0 / 4 }
        for step in [(nil, nil), (recurrent, hidden)] as [([Float]?, [Float]?)] {
          Self.expectClose(
            Self.gruRow(
              level, gates: gruGates, recurrent: step.0, bias: bias, previousHidden: step.1,
              size: size),
            Self.gruRow(
              .portable, gates: gruGates, recurrent: step.0, bias: bias, previousHidden: step.1,
              size: size),
            "GRU \(level) size \(size) first step \(step.0 == nil)")
        }
        let input = Self.values(size, using: &rng)
        Self.expectClose(
          Self.tanhRow(level, input), Self.tanhRow(.portable, input), "tanh \(level) size \(size)")
      }
    }
  }

  /// The edges: zeros, the clamp of `exp` (±88), infinities and NaN behave as in the portable code.
  @Test func fastKernelsKeepThePortableEdgeBehaviour() {
    let input: [Float] = [0, -0, 0.624, 0.626, -0.626, 88, -88, 1000, -1000, .infinity, -.infinity]
    for level in Self.fastLevels {
      let fast = Self.tanhRow(level, input + [.nan])
      let reference = Self.tanhRow(.portable, input)
      Self.expectClose(Array(fast.prefix(input.count)), reference, "tanh edges \(level)")
      #expect(fast.last?.isNaN == true, "tanh(NaN) with \(level) gave \(fast.last ?? 0)")
    }
  }

  /// AVX2 and AVX-512 perform the same operations lane by lane: bit-identical results.
  @Test func avx2AndAVX512AgreeBitForBit() {
    guard CellKernelLevel.avx512.isSupported else {
      print("skipped: this CPU has no AVX-512, so only the AVX2 kernels run here")
      return
    }
    var rng = SplitMix64(seed: 11)
    for size in Self.sizes {
      let gates = Self.values(4 * size, using: &rng)
      let cell = Self.values(size, using: &rng)
      #expect(
        Self.lstmRow(.avx2, gates: gates, previousCell: cell, size: size)
          == Self.lstmRow(.avx512, gates: gates, previousCell: cell, size: size))
      let input = Self.values(size, using: &rng)
      #expect(Self.tanhRow(.avx2, input) == Self.tanhRow(.avx512, input))
    }
  }

  @Test func aRequestedLevelIsUsedOnlyWhenTheCPUHasIt() {
    // Forcing AVX2 on an AVX-512 machine, or the portable code anywhere, is honoured.
    #expect(CellKernelLevel.select(supported: .avx512, requested: "avx2") == .avx2)
    #expect(CellKernelLevel.select(supported: .avx512, requested: "PORTABLE") == .portable)
    #expect(CellKernelLevel.select(supported: .avx2, requested: "portable") == .portable)
    // Never an instruction set the CPU lacks.
    #expect(CellKernelLevel.select(supported: .avx2, requested: "avx512") == .avx2)
    #expect(CellKernelLevel.select(supported: .portable, requested: "avx2") == .portable)
    // No request, or one that names no level: the best the CPU has.
    #expect(CellKernelLevel.select(supported: .avx512, requested: nil) == .avx512)
    #expect(CellKernelLevel.select(supported: .avx2, requested: "sse") == .avx2)
    #expect(CellKernelLevel.active.isSupported)
  }
}
