extension ModelFile {
  /// Moves the stored tensors named like `container`'s parameters into it, checking that each is
  /// present and has the parameter's shape; the tensors left in `tensors` are the others.
  ///
  /// - Throws: `ModelFileError` (`.missingTensor`, `.shapeMismatch`) naming `path`.
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
      container[keyPath: entry.path] = stored
    }
  }
}
