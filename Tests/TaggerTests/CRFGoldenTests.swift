import Foundation
import Testing

@testable import Tagger

/// Reproduces a PyTorch CRF's values in `Fixtures/crf-golden.json`, generated in float64 with
/// `python3 Scripts/golden/crf_golden.py > Tests/TaggerTests/Fixtures/crf-golden.json`: log Z,
/// the summed negative log-likelihood, its gradients, the marginals and the Viterbi paths of
/// padded batches (PyTorch is batch-first `[B, T, C]`; the tests convert to rows `t·B + b`).
@Suite struct CRFGoldenTests {
  struct Case {
    var crf: CRF
    var batch: SequenceBatch
    var emissions: Matrix
    var targets: [Int]
    var object: [String: Any]

    init(_ object: [String: Any]) throws {
      let tagCount = try #require(object["tag_count"] as? Int)
      let lengths = try #require(object["lengths"] as? [Int])
      batch = SequenceBatch(lengths: lengths)
      crf = CRF(tagCount: tagCount)
      crf.transitions = Matrix(
        rows: tagCount, columns: tagCount,
        storage: try #require(object["transitions"] as? [[Double]]).flatMap { $0.map(Float.init) })
      crf.start = Matrix(
        rows: 1, columns: tagCount,
        storage: try #require(object["start"] as? [Double]).map(Float.init))
      crf.end = Matrix(
        rows: 1, columns: tagCount,
        storage: try #require(object["end"] as? [Double]).map(Float.init))
      emissions = try Self.timeMajor(object["emissions"], batch: batch, tagCount: tagCount)
      let tags = try #require(object["tags"] as? [[Int]])
      targets = (0..<batch.rowCount).map { row in
        let (step, b) = (row / lengths.count, row % lengths.count)
        return step < lengths[b] ? tags[b][step] : -1
      }
      self.object = object
    }

    /// `[B, T, C]` nested arrays as a `[T·B, C]` matrix.
    static func timeMajor(_ node: Any?, batch: SequenceBatch, tagCount: Int) throws -> Matrix {
      let values = try #require(node as? [[[Double]]])
      var matrix = Matrix(rows: batch.rowCount, columns: tagCount)
      for (b, sentence) in values.enumerated() {
        for (step, row) in sentence.enumerated() {
          for (tag, value) in row.enumerated() {
            matrix[step * batch.batchSize + b, tag] = Float(value)
          }
        }
      }
      return matrix
    }

    func doubles(_ key: String) throws -> [Float] {
      if let flat = object[key] as? [Double] { return flat.map(Float.init) }
      return try #require(object[key] as? [[Double]]).flatMap { $0.map(Float.init) }
    }
  }

  static func cases() throws -> [Case] {
    let data = try Data(contentsOf: RecurrentFixtures.url("crf-golden.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(root["cases"] as? [[String: Any]]).map(Case.init)
  }

  @Test func lossGradientsMarginalsAndPathsMatchPyTorch() throws {
    let cases = try Self.cases()
    #expect(cases.count == 3)
    for golden in cases {
      var gradients = golden.crf.zeroedCopy()
      let result = golden.crf.lossAndGradient(
        emissions: golden.emissions, batch: golden.batch, targets: golden.targets,
        into: &gradients)
      let expectedLoss = try #require(golden.object["nll"] as? Double)
      expectClose(Float(result.loss), Float(expectedLoss), relative: 1e-5)
      // Ours are gradients of the mean per token; PyTorch's of the sum.
      let count = Float(result.count)
      var dEmissions = result.dEmissions
      dEmissions.scale(by: count)
      let expectedDEmissions = try Case.timeMajor(
        golden.object["grad_emissions"], batch: golden.batch, tagCount: golden.crf.tagCount)
      expectClose(dEmissions.elements, expectedDEmissions.elements, relative: 1e-4, absolute: 1e-5)
      for (name, matrix) in [
        ("grad_transitions", gradients.transitions), ("grad_start", gradients.start),
        ("grad_end", gradients.end),
      ] {
        expectClose(
          matrix.elements.map { $0 * count }, try golden.doubles(name), relative: 1e-4,
          absolute: 1e-5, "\(name)")
      }
      let scores = golden.emissions.storage.map(Double.init)
      let forwardBackward = CRFForwardBackward(
        emissions: scores, batch: golden.batch, lattice: golden.crf.lattice(),
        computesTransitions: false)
      expectClose(
        forwardBackward.logPartitions.map(Float.init), try golden.doubles("log_partition"),
        relative: 1e-5)
      let marginals = try Case.timeMajor(
        golden.object["marginals"], batch: golden.batch, tagCount: golden.crf.tagCount)
      expectClose(forwardBackward.marginals.map(Float.init), marginals.elements, absolute: 1e-5)
      let paths = try #require(golden.object["viterbi"] as? [[Int]])
      for (b, length) in golden.batch.lengths.enumerated() {
        let rows = golden.crf.rows(scores, b, golden.batch)
        #expect(
          SequenceDecoding.viterbi(rows, length: length, lattice: golden.crf.lattice()) == paths[b])
      }
    }
  }
}
