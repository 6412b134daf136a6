extension ModelFile {
  /// Checks the header's format and version and upgrades older versions' metadata to the
  /// current layout. Every upgrade lives here, nowhere else.
  ///
  /// Version 1 → 2: version 2 adds `fileChecksum`, a checksum of the whole file (header
  /// included) that `readFile` verifies before decoding; version-1 files have only the weights
  /// checksum, which `decode` still checks, and their metadata is otherwise the same, so the
  /// upgrade drops nothing and adds nothing. (`verifyIntegrity` refuses a "version 1" file that
  /// carries a file checksum, so editing the version cannot skip the check.)
  ///
  /// Optional keys added within version 2 need no upgrade, because readers that predate them
  /// ignore them and a file without them means "not stored": `trainingForms` (the exact training
  /// forms, `ModelFile+TrainingForms.swift`) is absent from files written before it, such as
  /// the shipped model, and `tagcli eval -m` then splits seen/unseen by the word vocabulary.
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
