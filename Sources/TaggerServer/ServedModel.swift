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

  /// What `GET /models` says about the model: tag layer, heads, network (with the number of
  /// ensemble members, 1 for one model) and provenance (of the first member).
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
    return [
      "name": name,
      "file": (path as NSString).lastPathComponent,
      "tagLayer": provenance.tagLayer.description,
      "heads": [
        ["name": "tags", "layer": provenance.tagLayer.description, "tags": model.tagSet.tags]
      ],
      "cell": configuration.cell,
      "layers": configuration.layerCount,
      "hiddenSize": configuration.hiddenSize,
      "usesCharacters": configuration.usesCharacters,
      "vocabularySize": model.vocabulary.count,
      "ensembleMembers": model.members.count,
      "training": training,
    ]
  }
}
