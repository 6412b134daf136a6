extension ModelFile {
  /// Moves the stored tensors named like `container`'s parameters into it, checking that each is
  /// present, has the parameter's shape and holds finite numbers; the tensors left in `tensors`
  /// are the others.
  ///
  /// - Throws: `ModelFileError` (`.missingTensor`, `.shapeMismatch`, `.nonFiniteWeights`)
  ///   naming `path`.
  static func assignParameters<Container: ParameterContainer>(
    from tensors: inout [String: Matrix], to container: inout Container, path: String
  ) throws {
    for entry in container.parameterPaths {
      guard let stored = tensors.removeValue(forKey: entry.name) else {
        throw ModelFileError(.missingTensor(entry.name), path: path)
      }
      let expected = container[keyPath: entry.path].shape
      guard stored.shape == expected else {
        throw ModelFileError(
          .shapeMismatch(tensor: entry.name, found: stored.shape, expected: expected), path: path)
      }
      // A file written before training refused to save NaN weights tags every word alike.
      guard stored.isFinite else {
        throw ModelFileError(.nonFiniteWeights(tensor: entry.name), path: path)
      }
      container[keyPath: entry.path] = stored
    }
  }
}
