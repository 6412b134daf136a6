import Foundation
import Tagger

/// A loaded model with its name and its batcher.
struct ServedModel: Sendable {
  /// The name clients use in `?model=`.
  let name: String
  /// The file it was loaded from.
  let path: String
  /// The model.
  let model: TaggerModel
  /// The batcher that tags with it.
  let batcher: TaggingBatcher

  /// What `GET /models` says about the model: tag layer (none for a sentence classifier), the
  /// input columns it reads beside the words (`inputColumns`, when it reads any), the layers
  /// `/tag` answers (`heads`), network (with the number of ensemble members, 1 for one
  /// model) and provenance (of the first member).
  var summary: [String: Any] {
    let configuration = model.configuration
    let provenance = model.provenance
    var training: [String: Any] = [
      "seed": provenance.seed, "sentences": provenance.trainingSentences,
      "tokens": provenance.trainingTokens, "checksum": provenance.trainingChecksum,
      "epochs": provenance.log.count,
    ]
    if let best = provenance.log.max(by: { $0.devAccuracy < $1.devAccuracy }) {
      training["bestDevAccuracy"] = best.devAccuracy
      training["bestEpoch"] = best.epoch
    }
    var summary: [String: Any] = [
      "name": name,
      "file": (path as NSString).lastPathComponent,
      "heads": answeredLayers,
      "cell": configuration.cell,
      "layers": configuration.layerCount,
      "hiddenSize": configuration.hiddenSize,
      "usesCharacters": configuration.usesCharacters,
      "vocabularySize": model.vocabulary.count,
      "ensembleMembers": model.members.count,
      "training": training,
    ]
    if model.heads.tags != nil { summary["tagLayer"] = provenance.tagLayer.description }
    if !model.featureLayers.isEmpty {
      summary["inputColumns"] = model.featureLayers.map(\.description)
    }
    return summary
  }

  /// The layers `/tag` answers, in its order: the first tag layer with its tags, each further
  /// tag layer with its tags (a FEATS layer predicted feature by feature with its features),
  /// the lemma layer, then the sentence label with its key and labels. A sentence classifier
  /// answers its label only.
  var answeredLayers: [[String: Any]] {
    var layers: [[String: Any]] = []
    if model.heads.tags != nil {
      layers.append(
        ["name": "tags", "layer": model.provenance.tagLayer.description, "tags": model.tagSet.tags]
      )
    }
    var output = 0  // the next of `layerTagSets`: one per softmax output
    for layer in model.heads.additionalTags ?? [] {
      if let keys = layer.featureKeys {
        layers.append(["name": "tags", "layer": layer.layer.description, "features": keys])
      } else {
        layers.append(
          [
            "name": "tags", "layer": layer.layer.description,
            "tags": model.layerTagSets[output].tags,
          ])
      }
      output += layer.outputCount
    }
    if let lemma = model.heads.lemma {
      layers.append(["name": "lemma", "layer": lemma.layer.description])
    }
    if let label = model.heads.label {
      layers.append(["name": "label", "key": label.key, "labels": model.labelSet.tags])
    }
    return layers
  }
}
