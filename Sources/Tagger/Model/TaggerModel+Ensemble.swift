import Foundation

/// Why models cannot tag as one ensemble: they predict different things.
public struct EnsembleMismatch: Error, Sendable, Equatable, CustomStringConvertible {
  /// The 0-based index of the member that differs from the first, nil when there is no model.
  public let member: Int?
  /// What differs, for example `"other tags (A, B) than member 1 (DET, NOUN)"`.
  public let difference: String

  /// For example `"member 2 has other tags (A, B) than member 1 (DET, NOUN)"`.
  public var description: String {
    member.map { "member \($0 + 1) has \(difference)" } ?? difference
  }
}

/// An ensemble: several models trained on the same data, usually with different seeds
/// (`tagcli train --seeds N`), that tag as one model.
///
/// Each member reads the words through its own vocabularies and runs its own network. A softmax
/// layer's probabilities (tags, further tag layers, sentence labels) are the mean of the
/// members' probabilities. A CRF layer's scores (emissions, transitions, start and end) are the
/// mean of the members' scores, so Viterbi and beam search decode the normalised product of the
/// members' sequence distributions. The lemma layer is the first member's. Tagging costs the sum
/// of the members' costs.
extension TaggerModel {
  /// Every member: this model (without its list of others), then `ensembleMembers`.
  public var members: [TaggerModel] {
    guard !ensembleMembers.isEmpty else { return [self] }
    var first = self
    first.ensembleMembers = []
    return [first] + ensembleMembers
  }

  /// One model that averages the predictions of `models` (members of an ensemble among them
  /// count one by one). The first model supplies everything that is not averaged: provenance,
  /// training forms, lemma layer and the stored span constraint. A calibrated temperature is
  /// dropped: it was fitted to one member's probabilities, not the average's.
  ///
  /// - Throws: `EnsembleMismatch` when the models differ in their heads, tag sets, label sets,
  ///   input features or output layer (softmax or CRF), or when `models` is empty.
  public static func ensemble(_ models: [TaggerModel]) throws -> TaggerModel {
    let all = models.flatMap(\.members)
    guard var result = all.first else {
      throw EnsembleMismatch(member: nil, difference: "an ensemble needs at least one model")
    }
    guard all.count > 1 else { return result }
    for (index, member) in all.enumerated().dropFirst() {
      if let difference = result.difference(from: member) {
        throw EnsembleMismatch(
          member: index, difference: "\(difference.other) than member 1 (\(difference.first))")
      }
    }
    result.ensembleMembers = Array(all.dropFirst())
    result.decodingDefaults.temperature = nil
    return result
  }

  /// What `other` predicts differently from this model, in words, or nil when they can be
  /// averaged.
  private func difference(from other: TaggerModel) -> (first: String, other: String)? {
    func listed(_ tags: [String]) -> String {
      tags.count <= 6
        ? tags.joined(separator: ", ") : tags.prefix(6).joined(separator: ", ") + ", …"
    }
    if heads.predictedOutputs != other.heads.predictedOutputs {
      return (heads.summary, "other heads (\(other.heads.summary))")
    }
    if tagSet != other.tagSet {
      return (listed(tagSet.tags), "other tags (\(listed(other.tagSet.tags)))")
    }
    if labelSet != other.labelSet {
      return (listed(labelSet.tags), "other labels (\(listed(other.labelSet.tags)))")
    }
    if layerTagSets != other.layerTagSets {
      return ("its", "other tags in a further tag layer")
    }
    let features = (configuration.features ?? []).map(\.layer.description)
    let otherFeatures = (other.configuration.features ?? []).map(\.layer.description)
    if features != otherFeatures {
      return (
        features.isEmpty ? "none" : features.joined(separator: ","),
        "other input features (\(otherFeatures.isEmpty ? "none" : otherFeatures.joined(separator: ",")))"
      )
    }
    if (network.crf == nil) != (other.network.crf == nil) {
      return (
        network.crf == nil ? "softmax" : "crf",
        "another output layer (\(other.network.crf == nil ? "softmax" : "crf"))"
      )
    }
    return nil
  }

  /// The CRF's scores at `scale`, averaged over the members; nil for a softmax output layer.
  func crfLattice(scale: Double = 1) -> TagLattice? {
    guard let crf = network.crf else { return nil }
    guard !ensembleMembers.isEmpty else { return crf.lattice(scale: scale) }
    let lattices = members.compactMap { $0.network.crf?.lattice(scale: scale) }
    let weight = 1 / Double(lattices.count)
    func mean(_ part: (TagLattice) -> [Double]) -> [Double] {
      var total = [Double](repeating: 0, count: part(lattices[0]).count)
      for lattice in lattices {
        for (index, value) in part(lattice).enumerated() { total[index] += value * weight }
      }
      return total
    }
    return TagLattice(
      transitions: mean(\.transitions), start: mean(\.start), end: mean(\.end))
  }

  /// The members' outputs for one layer, `[N, C]` each, combined: the mean of the emission
  /// scores for a CRF layer (`isCRF`), else the log of the mean of the softmax probabilities.
  static func combinedLogits(_ logits: [Matrix], isCRF: Bool) -> Matrix {
    precondition(!logits.isEmpty, "combinedLogits: no member")
    guard logits.count > 1 else { return logits[0] }
    guard isCRF else {
      var result = meanProbabilities(logits)
      for index in result.storage.indices {
        result.storage[index] = Foundation.log(max(result.storage[index], .leastNormalMagnitude))
      }
      return result
    }
    return mean(logits)
  }

  /// The mean of same-shaped matrices.
  private static func mean(_ matrices: [Matrix]) -> Matrix {
    let weight = 1 / Float(matrices.count)
    var result = Matrix(rows: matrices[0].rows, columns: matrices[0].columns)
    for matrix in matrices {
      for index in matrix.storage.indices {
        result.storage[index] += matrix.storage[index] * weight
      }
    }
    return result
  }

  /// The members' softmax probabilities of one layer at `temperature`, `[N, C]` each, averaged.
  static func meanProbabilities(_ logits: [Matrix], temperature: Float = 1) -> Matrix {
    precondition(!logits.isEmpty, "meanProbabilities: no member")
    let probabilities = logits.map {
      SoftmaxCrossEntropy.probabilities($0, temperature: temperature)
    }
    return probabilities.count == 1 ? probabilities[0] : mean(probabilities)
  }
}
