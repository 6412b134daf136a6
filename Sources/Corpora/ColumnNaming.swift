/// Guesses the column names of a CoNLL column file from its first lines.
///
/// Rules (CoNLL-2000 chunking, CoNLL-2002 and CoNLL-2003 named entities): 3 columns are
/// `word pos chunk`, or `word pos ne` when the last column's tags have named-entity types
/// (`PER`, `LOC`, `ORG`, `MISC`); 4 columns are `word pos chunk ne`; any other count is
/// `word col2 col3 …`. TSV files with 2 columns are `word tag`. When the word is not in the
/// first column, the columns are `col1 … word … colN`.
enum ColumnNaming {
  /// How many lines are inspected before guessing.
  static let sampleLineCount = 2_000

  /// Named-entity types of the CoNLL shared tasks.
  static let entityTypes: Set<Substring> = ["PER", "LOC", "ORG", "MISC"]

  /// The guessed names for `columnCount` columns.
  ///
  /// - Parameters:
  ///   - columnCount: the number of columns on the file's first token line.
  ///   - wordColumn: the 1-based word column.
  ///   - lastColumnTags: values of the last column on the sample lines.
  ///   - isTabSeparated: whether the file is TSV rather than a whitespace column file.
  static func guess(
    columnCount: Int, wordColumn: Int, lastColumnTags: [String], isTabSeparated: Bool
  ) -> [String] {
    guard wordColumn == 1 else {
      return (1...max(columnCount, wordColumn)).map { $0 == wordColumn ? "word" : "col\($0)" }
    }
    switch columnCount {
    case 2 where isTabSeparated: return ["word", "tag"]
    case 3:
      return looksLikeNamedEntities(lastColumnTags)
        ? ["word", "pos", "ne"] : ["word", "pos", "chunk"]
    case 4: return ["word", "pos", "chunk", "ne"]
    default: return ["word"] + (1..<max(columnCount, 1)).map { "col\($0 + 1)" }
    }
  }

  /// Whether some tag, after an optional `B-`/`I-`/`E-`/`S-` prefix, is a named-entity type.
  static func looksLikeNamedEntities(_ tags: [String]) -> Bool {
    tags.contains { tag in
      let type = tag.count > 2 && tag.dropFirst().first == "-" ? tag.dropFirst(2) : tag[...]
      return entityTypes.contains(type)
    }
  }

  /// The default tag column: the last one that is not the word column; `columnCount`, past the
  /// last column, when the words are the only one (no default layer: the words are never read,
  /// nor overwritten, as tags).
  static func defaultTagColumn(columnCount: Int, wordIndex: Int) -> Int {
    if columnCount <= 1 { return columnCount }
    return wordIndex == columnCount - 1 ? columnCount - 2 : columnCount - 1
  }
}
