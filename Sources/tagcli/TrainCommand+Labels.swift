import ArgumentParser
import Corpora
import Foundation
import Tagger

extension TrainCommand {
  /// What to train: tags unless only `--label` is given (one head per `--tag` layer), a label
  /// head with `--label`.
  var heads: ModelHeads {
    let tags =
      corpus.tag != nil || corpus.label == nil ? ModelHeads.Tags(layer: corpus.layer) : nil
    return ModelHeads(
      tags: tags, label: corpus.label.map { labelHead.head(key: $0, besideTagHead: tags != nil) },
      additionalTags: additionalTagLayers.map {
        ModelHeads.Tags(
          layer: $0, featureKeys: head.featsAs == .split && $0 == Self.featsLayerName ? [] : nil)
      },
      lemma: lemmaLayer.map { ModelHeads.Tags(layer: $0) })
  }

  /// The lemma layer among the `--tag` layers after the first (`lemma`), nil without.
  var lemmaLayer: LayerSelector? {
    corpus.additionalLayers.first { $0 == Self.lemmaLayerName }
  }

  /// The `--tag` layers after the first that are tags (a softmax head each), lemmas aside.
  var additionalTagLayers: [LayerSelector] {
    corpus.additionalLayers.filter { $0 != Self.lemmaLayerName }
  }

  /// The tag layers trained with a softmax (those `--tag-smoothing` smooths): every tag layer,
  /// less the first when it is a CRF layer.
  var softmaxTagLayerCount: Int {
    guard heads.tags != nil else { return 0 }
    return additionalTagLayers.count + (head.decoder == .crf ? 0 : 1)
  }

  /// The layer `--feats-as split` predicts one feature at a time.
  static let featsLayerName = LayerSelector.name("feats")

  /// The layer name that trains lemmas rather than tags.
  static let lemmaLayerName = LayerSelector.name("lemma")

  /// Reader options that demand a label on every sentence when a label head is trained.
  var trainingReaderOptions: ReaderOptions {
    var options = corpus.readerOptions
    options.requiresLabel = corpus.label != nil
    return options
  }

  /// The training sentence for `sentence`: its tags when a tag head is trained, its label.
  func trainingSentence(_ sentence: Sentence, path: String) throws -> TaggedSentence {
    guard heads.tags != nil else {
      return TaggedSentence(words: sentence.forms, tags: [], label: sentence.label)
    }
    let column = try corpus.layer.column(in: sentence, file: path)
    var tagged = TaggedSentence(
      words: sentence.forms, tags: sentence.values(ofColumn: column),
      label: corpus.label == nil ? nil : sentence.label)
    tagged.layerTags = try additionalTagLayers.map {
      sentence.values(ofColumn: try $0.column(in: sentence, file: path))
    }
    if let lemmaLayer {
      tagged.lemmas = sentence.values(ofColumn: try lemmaLayer.column(in: sentence, file: path))
    }
    return tagged
  }

  /// Names the dev labels that training never shows (the model cannot predict them).
  func reportDevOnlyLabels(training: [TaggedSentence], dev: [TaggedSentence]) {
    let known = Set(training.compactMap(\.label))
    var unknown: [String: Int] = [:]
    for label in dev.compactMap(\.label) where !known.contains(label) {
      unknown[label, default: 0] += 1
    }
    guard !unknown.isEmpty else { return }
    let list = unknown.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
    print(
      "dev labels not in training (counted as errors): \(list.joined(separator: ", "))")
  }

  /// The best model's dev label figures.
  func labelScores(_ model: TaggerModel, dev: [TaggedSentence]) -> LabelScores {
    var evaluator = LabelEvaluator(knownLabels: Set(model.labelSet.tags))
    let predicted = model.labelsInBatches(dev.map(\.input))
    for (sentence, label) in zip(dev, predicted) {
      if let gold = sentence.label {
        evaluator.add(gold: gold, predicted: label, words: sentence.words)
      }
    }
    return evaluator.scores(confusionLimit: 10)
  }
}
