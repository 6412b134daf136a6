import Foundation

/// A model's scores on gold-tagged sentences, kept so that probabilities can be recomputed at
/// any temperature without running the network again.
struct CalibrationSample {
  /// Each sentence's scores `[L, C]` (see `TaggerModel.sentenceScores`).
  var scores: [[Double]]
  /// Each sentence's gold tag ids (-1 for a tag outside the tag set, which is not scored).
  var gold: [[Int]]
  /// Each sentence's decoded tag ids.
  var predicted: [[Int]]
}

extension TaggerModel {
  /// The lowest probability counted in the negative log-likelihood, so that a gold tag the
  /// constraints rule out costs a finite `-log(1e-12) ≈ 27.6` nats.
  static let probabilityFloor = 1e-12

  /// Scores `sentences` with `decoding` (its temperature is not used here).
  func calibrationSample(_ sentences: [TaggedSentence], decoding: Decoding) -> CalibrationSample {
    var sample = CalibrationSample(scores: [], gold: [], predicted: [])
    let order = sentences.indices.filter { !sentences[$0].words.isEmpty }
      .sorted { sentences[$0].words.count < sentences[$1].words.count }
    var start = 0
    while start < order.count {
      let indices = order[start..<min(start + 32, order.count)]
      let scores = sentenceScores(indices.map { sentences[$0].input })
      for (index, sentenceScores) in zip(indices, scores) {
        sample.scores.append(sentenceScores)
        sample.gold.append(sentences[index].tags.map { tagSet.id(of: $0) ?? -1 })
        sample.predicted.append(path(sentenceScores, decoding: decoding))
      }
      start += 32
    }
    return sample
  }

  /// The mean negative log-likelihood of the gold tags at `temperature` and the reliability
  /// diagram of the decoded tags' probabilities.
  func calibrationFigures(
    _ sample: CalibrationSample, temperature: Float, constraints: SpanConstraints?,
    includesDiagram: Bool = true
  ) -> (nll: Double, diagram: ReliabilityDiagram?, tokens: Int) {
    var nll = 0.0
    var counted = 0
    var tokens: [(confidence: Double, isCorrect: Bool)] = []
    let tagCount = tagSet.count
    for (index, scores) in sample.scores.enumerated() {
      let probabilities = tagProbabilities(
        scores, temperature: temperature, constraints: constraints)
      for (step, gold) in sample.gold[index].enumerated() where gold >= 0 {
        let row = step * tagCount
        nll -= Foundation.log(max(probabilities[row + gold], Self.probabilityFloor))
        counted += 1
        let predicted = sample.predicted[index][step]
        if includesDiagram {
          tokens.append((probabilities[row + predicted], predicted == gold))
        }
      }
    }
    let diagram = includesDiagram ? ReliabilityDiagram(tokens) : nil
    return (nll / Double(max(counted, 1)), diagram, counted)
  }

  /// The temperature that minimises the negative log-likelihood of `sentences`' gold tags under
  /// the model's own decoding (fitted on dev after training); nil without a scored token.
  public func fittedTemperature(on sentences: [TaggedSentence]) -> Float? {
    let decoding = defaultDecoding
    let sample = calibrationSample(sentences, decoding: decoding)
    guard sample.gold.contains(where: { $0.contains { $0 >= 0 } }) else { return nil }
    return TemperatureFit.minimising {
      calibrationFigures(
        sample, temperature: $0, constraints: decoding.constraints, includesDiagram: false
      ).nll
    }
  }

  /// Calibration figures on gold-tagged `sentences` before (temperature 1) and after scaling.
  ///
  /// The temperature is `decoding.temperature` when `source` is `.model` or `.option`; with
  /// `.fittedOnEvaluatedData` it is fitted on `sentences` themselves.
  public func calibrationReport(
    on sentences: [TaggedSentence], decoding: Decoding, source: CalibrationReport.Source
  ) -> CalibrationReport {
    let sample = calibrationSample(sentences, decoding: decoding)
    let constraints = decoding.constraints
    var temperature = decoding.temperature
    if source == .fittedOnEvaluatedData {
      temperature = TemperatureFit.minimising {
        calibrationFigures(
          sample, temperature: $0, constraints: constraints, includesDiagram: false
        )
        .nll
      }
    }
    let before = calibrationFigures(sample, temperature: 1, constraints: constraints)
    let after = calibrationFigures(sample, temperature: temperature, constraints: constraints)
    return CalibrationReport(
      temperature: temperature, source: source, nllBefore: before.nll, nllAfter: after.nll,
      before: before.diagram ?? ReliabilityDiagram([]),
      after: after.diagram ?? ReliabilityDiagram([]),
      tokens: before.tokens)
  }
}
