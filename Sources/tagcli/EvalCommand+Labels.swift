import ArgumentParser
import Corpora
import Tagger

extension EvalCommand {
  /// What `eval` scores: tags, sentence labels, or both.
  ///
  /// With a model, its heads decide (`--label` may rename the gold labels' key). With `--pred`,
  /// `--label KEY` scores labels, and tags are scored too when `--tag` is given or `--label` is
  /// not.
  struct ScoringPlan {
    /// Whether tags are scored.
    var scoresTags: Bool
    /// The key of the scored labels; nil when labels are not scored.
    var labelKey: String?

    /// `base` reading labels under `labelKey` and requiring one on every sentence.
    func readerOptions(_ base: ReaderOptions) -> ReaderOptions {
      var options = base
      guard let labelKey else { return options }
      options.labelKey = labelKey
      options.requiresLabel = true
      return options
    }
  }

  /// The plan for this run.
  ///
  /// - Throws: `ValidationError` when `--label` asks a model without a label head for labels.
  func scoringPlan(model: TaggerModel?) throws -> ScoringPlan {
    guard let model else {
      return ScoringPlan(
        scoresTags: corpus.tag != nil || corpus.label == nil, labelKey: corpus.label)
    }
    if corpus.label != nil, model.heads.label == nil {
      throw ValidationError(
        "--label: \(modelPath ?? "the model") predicts \(model.heads.summary), no sentence label")
    }
    return ScoringPlan(
      scoresTags: model.heads.tags != nil, labelKey: corpus.label ?? model.heads.label?.key)
  }
}
