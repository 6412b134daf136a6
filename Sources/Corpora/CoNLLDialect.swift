/// What differs between the two 10-column CoNLL formats, so one reader and one writer serve both.
///
/// CoNLL-U (Universal Dependencies) allows multiword ranges (`3-4`) and empty nodes (`8.1`);
/// CoNLL-X (the 2006 shared task) has integer IDs only. Both use tab-separated fields, `#`
/// comment lines before a sentence (CoNLL-X files rarely have them; they are kept when present)
/// and blank-line sentence breaks.
struct CoNLLDialect: Sendable {
  /// The format's name in messages.
  let name: String
  /// The ten column names.
  let columnNames: [String]
  /// The 0-based column of the default tag layer.
  let defaultTagColumn: Int
  /// Whether IDs may be ranges `N-M` and empty nodes `N.M`.
  let allowsMultiwordTokens: Bool
  /// For each column, the names of the source columns that fill it when a sentence comes from
  /// another format, tried in order.
  let sourceColumns: [[String]]

  /// CoNLL-U: `id form lemma upos xpos feats head deprel deps misc`, default layer UPOS.
  static let conllu = CoNLLDialect(
    name: "CoNLL-U",
    columnNames: [
      "id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc",
    ],
    defaultTagColumn: 3, allowsMultiwordTokens: true,
    sourceColumns: [
      ["id"], ["form", "word"], ["lemma"], ["upos", "cpostag"], ["xpos", "postag", "pos", "tag"],
      ["feats", "morph", "msd"], ["head"], ["deprel"], ["deps"], ["misc"],
    ])

  /// CoNLL-X: `id form lemma cpostag postag feats head deprel phead pdeprel`, default layer
  /// `cpostag`. A source's single `pos`/`tag` column fills both tag columns.
  static let conllx = CoNLLDialect(
    name: "CoNLL-X",
    columnNames: [
      "id", "form", "lemma", "cpostag", "postag", "feats", "head", "deprel", "phead", "pdeprel",
    ],
    defaultTagColumn: 3, allowsMultiwordTokens: false,
    sourceColumns: [
      ["id"], ["form", "word"], ["lemma"], ["cpostag", "upos", "pos", "tag"],
      ["postag", "xpos", "pos", "tag"], ["feats", "morph", "msd"], ["head"], ["deprel"],
      ["phead"], ["pdeprel"],
    ])

  /// For each column of this dialect, the source column that fills it; nil when the source
  /// already has this dialect's columns.
  func columnMapping(for names: [String]) -> [Int?]? {
    if names == columnNames { return nil }
    return sourceColumns.map { options in
      options.lazy.compactMap { names.firstIndex(of: $0) }.first
    }
  }
}
