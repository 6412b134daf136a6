/// Every distinct word form of a model's training data, exactly as written: case kept, digits
/// kept, no minimum count.
///
/// The standard seen/unseen split of POS-tagging papers and other taggers counts a word as
/// unseen when its exact form never occurs in the training data. The word vocabulary cannot
/// answer that (it lowercases, folds digits and drops rare words), so a model keeps these forms
/// as well (`ModelFile+TrainingForms.swift`) and `tagcli eval -m` splits accuracy with them.
///
/// Forms are compared as Swift strings, so two spellings that are canonically equivalent in
/// Unicode (an NFC and an NFD "é") are the same form; treebanks are NFC throughout.
public struct TrainingForms: Sendable, Equatable {
  /// The distinct forms, sorted by their UTF-8 bytes (code-point order), so the same training
  /// data always gives the same list and the same bytes in the model file.
  public let forms: [String]

  /// The distinct forms among `words`.
  public init(words: some Sequence<String>) {
    forms = Set(words).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The number of distinct forms.
  public var count: Int { forms.count }
}
