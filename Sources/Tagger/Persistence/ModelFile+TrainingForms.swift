/// The optional metadata of a model's exact training forms (`TrainingForms`), for the standard
/// seen/unseen split of `tagcli eval -m`.
///
/// `trainingForms` holds the forms in `TrainingForms` order (by UTF-8 bytes), each followed by a
/// line feed: one string, compact (EWT's 19,674 forms add about 180 KB to a 4.9 MB model) and
/// readable from Python with `metadata["trainingForms"].split("\n")[:-1]`. The rare form that
/// contains a line feed itself (possible in JSON Lines or XML input) goes instead into
/// `trainingFormsWithLineFeeds`, a JSON array present only when such forms exist. Both keys sit
/// in the header, so the whole-file checksum covers them. A file without `trainingForms`
/// (written before it existed, such as the shipped model) loads with `trainingForms == nil`.
extension ModelFile {
  /// Metadata key of the forms without a line feed, each followed by one.
  static let trainingFormsKey = "trainingForms"
  /// Metadata key of the forms that contain a line feed, as a JSON array of strings.
  static let lineFeedFormsKey = "trainingFormsWithLineFeeds"

  /// The keys that store `forms`; none for nil.
  static func trainingFormsMetadata(_ forms: TrainingForms?) throws -> [String: String] {
    guard let forms else { return [:] }
    var text = ""
    var lineFeedForms: [String] = []
    for form in forms.forms {
      if form.utf8.contains(lineFeed) {
        lineFeedForms.append(form)
      } else {
        text += form
        text += "\n"
      }
    }
    var metadata = [trainingFormsKey: text]
    if !lineFeedForms.isEmpty { metadata[lineFeedFormsKey] = try json(lineFeedForms) }
    return metadata
  }

  /// The forms the metadata stores, or nil when it stores none (an older file).
  ///
  /// - Throws: `ModelFileError` of kind `.badHeader` when `trainingForms` does not end with a
  ///   line feed or `trainingFormsWithLineFeeds` is not an array of strings.
  static func trainingForms(_ metadata: [String: String], path: String) throws -> TrainingForms? {
    guard let text = metadata[trainingFormsKey] else {
      guard metadata[lineFeedFormsKey] == nil else {
        throw ModelFileError(
          .badHeader("\"\(lineFeedFormsKey)\" without \"\(trainingFormsKey)\""), path: path)
      }
      return nil
    }
    guard text.isEmpty || text.utf8.last == lineFeed else {
      throw ModelFileError(
        .badHeader("\"\(trainingFormsKey)\" does not end with a line feed"), path: path)
    }
    // Split on the byte, not on `Character("\n")`: a form ending in "\r" would fuse with its
    // terminator into the single character "\r\n".
    var forms = text.utf8.split(separator: lineFeed, omittingEmptySubsequences: false)
      .dropLast().map { String(decoding: $0, as: UTF8.self) }
    if metadata[lineFeedFormsKey] != nil {
      forms += try value([String].self, metadata, lineFeedFormsKey, path)
    }
    return TrainingForms(words: forms)
  }

  private static let lineFeed = UInt8(ascii: "\n")
}
