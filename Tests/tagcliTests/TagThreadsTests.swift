import Foundation
import Testing

@testable import Tagger

/// `tag --threads N` writes the same bytes for every N, and the cell kernels forced down to AVX2
/// (`TAGCLI_KERNELS=avx2`, as on an AVX2-only machine) give the same output as the best ones.
@Suite struct TagThreadsTests {
  /// Lines of many lengths: several length-sorted batches per read-ahead window.
  static let text: String = {
    let words = "The old dog ran quickly across the wide , green field before it rained .".split(
      separator: " ")
    return (0..<300).map { index in
      words[0..<(1 + (index * 7) % words.count)].joined(separator: " ")
    }.joined(separator: "\n") + "\n"
  }()

  /// `tagcli tag` on `text` with `arguments` and `environment`; returns standard output and the
  /// standard error lines.
  static func tag(_ arguments: [String], environment: [String: String] = [:]) throws -> (
    output: String, errors: [String]
  ) {
    let result = try CorpusCommandSupport.run(
      ["tag", "-m", ShippedModelTests.modelPath] + arguments, input: text,
      environment: ["PATH": "/usr/bin:/bin"].merging(environment) { $1 })
    #expect(result.status == 0, "\(result.stderr)")
    return (result.stdout, result.stderr.split(separator: "\n").map(String.init))
  }

  @Test func everyThreadCountWritesTheSameBytes() throws {
    let options = ["--probs", "--top", "3", "--batch-size", "64"]
    let one = try Self.tag(options + ["--threads", "1"]).output
    #expect(one.split(separator: "\n").count == 300)
    for threads in ["2", "3"] {
      #expect(try Self.tag(options + ["--threads", threads]).output == one, "\(threads) threads")
    }
  }

  @Test func forcedAVX2KernelsGiveTheSameOutputAsTheBest() throws {
    guard CellKernelLevel.avx2.isSupported else {
      print("skipped: this CPU has no AVX2+FMA, so only the portable kernels run here")
      return
    }
    let report = ["TAGCLI_PRINT_BLAS_CORE": "1"]
    let best = try Self.tag(["--probs"], environment: report)
    let forced = try Self.tag(
      ["--probs"], environment: report.merging(["TAGCLI_KERNELS": "avx2"]) { $1 })
    #expect(best.errors.contains("Cell kernels: \(CellKernelLevel.supported.rawValue)"))
    #expect(forced.errors.contains("Cell kernels: avx2"))
    #expect(forced.output == best.output)
  }

  @Test func threadsMustBePositive() throws {
    let result = try CorpusCommandSupport.run(
      ["tag", "-m", ShippedModelTests.modelPath, "--threads", "0"], input: "a\n")
    #expect(result.status != 0)
    #expect(result.stderr.contains("--threads must be at least 1"))
  }
}
