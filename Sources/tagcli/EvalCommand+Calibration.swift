import ArgumentParser
import Corpora
import Foundation
import Tagger

extension EvalCommand {
  /// Calibration figures of `model` on the gold file: NLL and ECE before and after temperature
  /// scaling. The temperature is `--temperature`, else the model's stored one, else (a model
  /// trained before calibration existed, such as the shipped EWT model) one fitted on the gold
  /// file itself, reported as such.
  ///
  /// - Throws: `CorpusError` for unreadable gold input or missing input feature columns.
  func calibration(of model: TaggerModel, decoding: Decoding) throws -> CalibrationReport {
    let sentences = try goldTaggedSentences(gold, corpus: corpus, model: model)
    let source: CalibrationReport.Source =
      decodingOptions.temperature != nil
      ? .option : model.decodingDefaults.temperature != nil ? .model : .fittedOnEvaluatedData
    return model.calibrationReport(on: sentences, decoding: decoding, source: source)
  }

  /// The terminal lines of a calibration report.
  static func calibrationText(_ report: CalibrationReport) -> String {
    let origin: String
    switch report.source {
    case .model: origin = "stored in the model"
    case .option: origin = "from --temperature"
    case .fittedOnEvaluatedData:
      origin = "fitted on this file: the model stores none; pass --temperature T fitted on dev"
    }
    return """

      calibration (\(report.tokens) tokens, \(ReliabilityDiagram.binCount) bins)
        temperature \(String(format: "%.3f", report.temperature)) (\(origin))
        NLL  before \(String(format: "%.4f", report.nllBefore))   after \(String(format: "%.4f", report.nllAfter))
        ECE  before \(String(format: "%.2f", report.before.expectedCalibrationError)) %   after \(String(format: "%.2f", report.after.expectedCalibrationError)) %

      """
  }
}
