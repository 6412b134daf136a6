extension ModelFile {
  /// The heads a file describes with its optional `heads` and `labels` keys; a file without
  /// them is a tagger of the provenance's layer (every model written before heads existed).
  ///
  /// - Throws: `ModelFileError` for a malformed description, a tag head without tags or a label
  ///   head without labels.
  static func decodeHeads(
    _ metadata: [String: String], provenance: TaggerModel.Provenance, path: String
  ) throws -> (ModelHeads, TagSet) {
    guard metadata["heads"] != nil else {
      return (.tagger(layer: provenance.tagLayer), TagSet(tags: []))
    }
    let heads = try value(ModelHeads.self, metadata, "heads", path)
    let labels = TagSet(tags: try value([String].self, metadata, "labels", path))
    guard heads.tags != nil || heads.label != nil else {
      throw ModelFileError(.badHeader("\"heads\" names no head"), path: path)
    }
    if heads.tags != nil, try value([String].self, metadata, "tags", path).isEmpty {
      throw ModelFileError(.badHeader("a tag head without tags"), path: path)
    }
    guard (heads.label == nil) == (labels.count == 0) else {
      throw ModelFileError(
        .badHeader("a label head needs labels, and labels need a label head"), path: path)
    }
    return (heads, labels)
  }
}
