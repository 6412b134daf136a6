/// An ensemble's other members in the model file: the optional `ensemble` key holds each
/// member's metadata (a JSON list of objects with the keys one model's file has), and member K's
/// tensors (K from 1) are its own names prefixed with `ensemble.K.`. A file without the key holds
/// one model.
extension ModelFile {
  /// Metadata key of the other members' metadata.
  static let ensembleKey = "ensemble"
  /// The most members a file may describe (a hostile header must not ask for more).
  static let maximumEnsembleMembers = 64

  /// The prefix of member `number`'s tensor names (1 is the first member after the main one).
  static func ensembleTensorPrefix(_ number: Int) -> String { "ensemble.\(number)." }

  /// The `ensemble` key and the other members' tensors of `model`; nothing for one model.
  static func ensembleParts(_ model: TaggerModel, isExact: Bool) throws -> (
    metadata: [String: String], tensors: [SafeTensors.Tensor]
  ) {
    guard !model.ensembleMembers.isEmpty else { return ([:], []) }
    var descriptions: [[String: String]] = []
    var tensors: [SafeTensors.Tensor] = []
    for (index, member) in model.ensembleMembers.enumerated() {
      let (metadata, memberTensors) = try modelParts(member, isExact: isExact)
      descriptions.append(metadata)
      let prefix = ensembleTensorPrefix(index + 1)
      tensors += memberTensors.map {
        SafeTensors.Tensor(name: prefix + $0.name, matrix: $0.matrix, dtype: $0.dtype)
      }
    }
    return ([ensembleKey: try json(descriptions)], tensors)
  }

  /// Adds the members the `ensemble` key describes to `model`, moving their tensors out of
  /// `tensors`.
  ///
  /// - Throws: `ModelFileError` when the key is malformed, a member is malformed or lacks a
  ///   tensor, a member's tensor is left over, or the members predict different things.
  static func decodeEnsemble(
    _ metadata: [String: String], into model: inout TaggerModel, tensors: inout [String: Matrix],
    path: String
  ) throws {
    guard metadata[ensembleKey] != nil else { return }
    let descriptions = try value([[String: String]].self, metadata, ensembleKey, path)
    guard (1...maximumEnsembleMembers).contains(descriptions.count) else {
      throw ModelFileError(
        .badHeader(
          "\"\(ensembleKey)\" lists \(descriptions.count) members; expected 1 to"
            + " \(maximumEnsembleMembers)"), path: path)
    }
    var members = [model]
    for (index, description) in descriptions.enumerated() {
      guard description[ensembleKey] == nil else {
        throw ModelFileError(
          .badHeader("ensemble member \(index + 2) holds an ensemble itself"), path: path)
      }
      let prefix = ensembleTensorPrefix(index + 1)
      var memberTensors: [String: Matrix] = [:]
      for name in tensors.keys where name.hasPrefix(prefix) {
        memberTensors[String(name.dropFirst(prefix.count))] = tensors.removeValue(forKey: name)
      }
      let member = try decodeModel(  // its own tensors bound what its header may ask for
        description, tensors: &memberTensors,
        storedWeights: memberTensors.values.reduce(0) { $0 + $1.storage.count }, path: path)
      if let extra = memberTensors.keys.sorted().first {
        throw ModelFileError(
          .badHeader(
            "ensemble member \(index + 2) has a tensor it does not use: \(prefix + extra)"),
          path: path)
      }
      members.append(member)
    }
    do {
      let decodingDefaults = model.decodingDefaults
      model = try TaggerModel.ensemble(members)
      model.decodingDefaults = decodingDefaults  // a temperature fitted to the ensemble stays
    } catch let mismatch as EnsembleMismatch {
      throw ModelFileError(.badHeader("ensemble: \(mismatch.description)"), path: path)
    }
  }
}
