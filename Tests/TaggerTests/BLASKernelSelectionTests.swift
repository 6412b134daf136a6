import Foundation
import Testing

@testable import Tagger

/// The choice of OpenBLAS kernels: SSE fallbacks are replaced by what the CPU can run, on both
/// the AVX-512 and the AVX2 path, and a knowing choice is never overridden.
struct BLASKernelSelectionTests {
  static let avx2: Set<String> = ["sse2", "sse4_2", "avx", "avx2", "fma"]
  static let avx512 = avx2.union(["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"])

  @Test func prescottOnAnAVX512MachineBecomesSkylakeX() {
    #expect(BLASKernelSelection.betterCoreType(loaded: "Prescott", cpuFlags: Self.avx512) == "SkylakeX")
  }

  @Test func prescottOnAnAVX2MachineBecomesHaswell() {
    #expect(BLASKernelSelection.betterCoreType(loaded: "Prescott", cpuFlags: Self.avx2) == "Haswell")
    #expect(BLASKernelSelection.betterCoreType(loaded: "Core2", cpuFlags: Self.avx2) == "Haswell")
  }

  @Test(arguments: ["Haswell", "Zen", "SkylakeX", "Cooperlake", "SandyBridge"])
  func aVectorChoiceIsKept(loaded: String) {
    #expect(BLASKernelSelection.betterCoreType(loaded: loaded, cpuFlags: Self.avx512) == nil)
  }

  @Test func anOldCPUKeepsItsKernels() {
    #expect(BLASKernelSelection.betterCoreType(loaded: "Prescott", cpuFlags: ["sse2", "sse3"]) == nil)
    // AVX2 without FMA (no such x86 CPU ships, but a hypervisor can hide FMA) is not Haswell.
    #expect(BLASKernelSelection.betterCoreType(loaded: "Prescott", cpuFlags: ["avx", "avx2"]) == nil)
  }

  @Test func cpuFlagsAreReadFromCpuinfo() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("cpuinfo-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "processor\t: 0\nmodel name\t: X\nflags\t\t: fpu sse2 avx2 fma\nbugs\t\t: none\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    #expect(BLASKernelSelection.cpuFlags(cpuinfo: path) == ["fpu", "sse2", "avx2", "fma"])
    #expect(BLASKernelSelection.cpuFlags(cpuinfo: path + ".missing").isEmpty)
  }
}
