import Foundation
import Testing

@testable import Tagger

/// `tagcli` runs on OpenBLAS vector kernels whenever the CPU has AVX2 and FMA, even where OpenBLAS
/// itself falls back to SSE ones (it then re-executes itself with `OPENBLAS_CORETYPE` set).
struct BLASKernelStartupTests {
  /// Runs `tagcli tag` on a sentence from standard input; returns the kernels it reported and
  /// its output.
  private func run(environment: [String: String]) throws -> (kernels: String, output: String) {
    let process = Process()
    process.executableURL = try CorpusCommandSupport.tagcliURL()
    process.arguments = ["tag", "-m", ShippedModelTests.modelPath]
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data("The cat sat on the mat .\n".utf8))
    try input.fileHandleForWriting.close()
    let tagged = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    let kernels = text.split(separator: "\n").first { $0.hasPrefix("BLAS kernels: ") }
      .map { String($0.dropFirst("BLAS kernels: ".count)) } ?? "not printed"
    return (kernels, tagged)
  }

  private func kernels(environment: [String: String]) throws -> String {
    try run(environment: environment).kernels
  }

  /// Where OpenBLAS falls back to SSE kernels, tagcli runs itself again with the vector ones,
  /// and standard input reaches the new process whole.
  @Test func aFallbackIsReplacedByReexecution() throws {
    let flags = BLASKernelSelection.cpuFlags()
    guard let expected = BLASKernelSelection.betterCoreType(loaded: "Prescott", cpuFlags: flags)
    else {
      print("skipped: this CPU has no AVX2+FMA, so there is nothing better than SSE kernels")
      return
    }
    let base = ["PATH": "/usr/bin:/bin", "TAGCLI_PRINT_BLAS_CORE": "1"]
    let direct = try run(environment: base)
    let reexecuted = try run(environment: base.merging(["TAGCLI_TEST_BLAS_LOADED": "Prescott"]) { $1 })
    #expect(reexecuted.kernels.lowercased() == expected.lowercased())
    #expect(!reexecuted.output.isEmpty)
    #expect(reexecuted.output == direct.output, "the same answers after re-execution")
  }

  @Test func theLoadedKernelsAreVectorKernels() throws {
    let flags = BLASKernelSelection.cpuFlags()
    let loaded = try kernels(environment: ["PATH": "/usr/bin:/bin", "TAGCLI_PRINT_BLAS_CORE": "1"])
    #expect(loaded != "not printed")
    if flags.contains("avx2") && flags.contains("fma") {
      #expect(
        BLASKernelSelection.betterCoreType(loaded: loaded, cpuFlags: flags) == nil,
        "tagcli runs on \(loaded) kernels on a CPU with AVX2 and FMA")
    }
  }

  @Test func aUserChoiceIsKept() throws {
    let loaded = try kernels(environment: [
      "PATH": "/usr/bin:/bin", "TAGCLI_PRINT_BLAS_CORE": "1", "OPENBLAS_CORETYPE": "Prescott",
    ])
    #expect(loaded.lowercased() == "prescott", "OPENBLAS_CORETYPE=Prescott gave \(loaded)")
  }
}
