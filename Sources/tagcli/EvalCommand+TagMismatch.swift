import ArgumentParser
import Tagger

extension EvalCommand {
  /// The largest share of gold tokens whose tag the model cannot predict that `eval` scores
  /// without `--allow-tag-mismatch` (as `train` refuses such a dev file): beyond it the gold
  /// layer is almost surely another tag set (chunks scored against POS, say), and the accuracy
  /// would be a meaningless figure near 0 with exit status 0.
  static let foreignTagLimit = 0.5

  /// Refuses scores whose gold tokens mostly carry tags outside the model's tag set (and never
  /// predicted here).
  ///
  /// - Throws: `ValidationError` naming the gold file and layer, the most frequent foreign tags
  ///   with their counts, and the way out (`--tag`, or the override).
  func refuseForeignGoldTags(_ scores: Scores, model: TaggerModel, layer: String) throws {
    let known = Set(model.tagSet.tags)
    let foreign = scores.tags.filter { tag, figures in
      figures.support > 0 && figures.predicted == 0 && !known.contains(tag)
    }
    let count = foreign.values.reduce(0) { $0 + $1.support }
    guard scores.tokens > 0, Double(count) > Self.foreignTagLimit * Double(scores.tokens) else {
      return
    }
    let top = foreign.sorted { ($1.value.support, $0.key) < ($0.value.support, $1.key) }.prefix(8)
    let listed =
      top.map { "\($0.key) (\($0.value.support))" }.joined(separator: ", ")
      + (foreign.count > 8 ? ", …" : "")
    let percent = String(format: "%.1f", 100 * Double(count) / Double(scores.tokens))
    let modelTags = model.tagSet.tags.prefix(8).joined(separator: ", ")
    throw ValidationError(
      "\(percent) % of the gold tokens in \(gold) (layer \(layer)) have tags that the model "
        + "cannot predict: \(listed); the model's \(model.tagSet.tags.count) tags are "
        + "\(modelTags)\(model.tagSet.tags.count > 8 ? ", …" : ""). Choose the gold layer with "
        + "--tag, or pass --allow-tag-mismatch to score anyway")
  }
}
