extension ModelFile {
  /// Checks the header's format and version and upgrades older versions' metadata to the
  /// current layout. Every upgrade lives here, nowhere else.
  ///
  /// Version 1 is the first format, so there is nothing to upgrade yet; a version 2 would add a
  /// `case 1:` step that rewrites version-1 metadata.
  ///
  /// - Throws: `ModelFileError` when the file is not a tagger model or its version is unsupported.
  static func migrated(_ metadata: [String: String], path: String) throws -> [String: String] {
    guard metadata["format"] == "tagger" else {
      throw ModelFileError(
        .notAModel("format is \"\(metadata["format"] ?? "absent")\", expected \"tagger\""),
        path: path)
    }
    guard let versionText = metadata["formatVersion"], let version = Int(versionText) else {
      throw ModelFileError(.badHeader("missing or malformed formatVersion"), path: path)
    }
    guard readableVersions.contains(version) else {
      throw ModelFileError(
        .unsupportedVersion(found: version, supported: readableVersions), path: path)
    }
    return metadata
  }
}
