import Foundation
import Testing

@testable import Tagger

/// Expected calibration error and the temperature fit.
@Suite struct CalibrationTests {
  @Test func expectedCalibrationErrorWeighsEachBinByItsShare() {
    // Bin 14 (0.95): 0.95 confident, 2 of 4 right → |0.5 - 0.95|; bin 7 (0.5): 0.5, 1 of 2 right.
    let tokens: [(confidence: Double, isCorrect: Bool)] = [
      (0.95, true), (0.95, false), (0.95, true), (0.95, false), (0.5, true), (0.5, false),
    ]
    let diagram = ReliabilityDiagram(tokens)
    #expect(diagram.bins.count == 15)
    #expect(diagram.bins[14].count == 4)
    #expect(diagram.bins[7].count == 2)
    expectClose(
      Float(diagram.expectedCalibrationError), Float(100 * 4.0 / 6 * 0.45), relative: 1e-6)
    expectClose(Float(ReliabilityDiagram([(1.0, true)]).expectedCalibrationError), 0)
  }

  @Test func theFitRecoversTheTemperatureThatGeneratedTheLabels() {
    // Labels drawn from softmax(z / 2.5): the NLL of the logits is smallest at T ≈ 2.5.
    var rng = SplitMix64(seed: 3)
    var logits: [[Double]] = []
    var labels: [Int] = []
    for _ in 0..<4000 {
      let row = (0..<5).map { _ in Double(rng.nextFloat(in: -6, 6)) }
      let weights = row.map { exp($0 / 2.5) }
      var draw = Double(rng.nextFloat(in: 0, 1)) * weights.reduce(0, +)
      var label = 0
      while label < 4 && draw > weights[label] {
        draw -= weights[label]
        label += 1
      }
      logits.append(row)
      labels.append(label)
    }
    let temperature = TemperatureFit.minimising { t in
      var total = 0.0
      for (row, label) in zip(logits, labels) {
        let scaled = row.map { $0 / Double(t) }
        total += CRFForwardBackward.logSumExp(scaled) - scaled[label]
      }
      return total
    }
    expectClose(temperature, 2.5, relative: 0.08)
  }

  @Test func scalingLowersTheNegativeLogLikelihoodOfAnOverconfidentModel() throws {
    let model = try TaggerSamples.trainedModel(epochs: 6)
    var decoding = model.defaultDecoding
    decoding.temperature = 1
    let report = model.calibrationReport(
      on: TaggerSamples.sentences, decoding: decoding, source: .fittedOnEvaluatedData)
    #expect(report.nllAfter <= report.nllBefore + 1e-9)
    #expect(report.tokens == 17)
    let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
    for key in ["temperature", "nll_before", "nll_after", "ece_before", "ece_after"] {
      #expect(json.contains("\"\(key)\""))
    }
  }
}
