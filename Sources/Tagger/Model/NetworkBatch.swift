/// One batch of sentences laid out for the network, padded and time-major as `SequenceBatch`
/// documents: row `t·B + b` is word t of sentence b.
///
/// Each distinct word form of the batch is encoded by the character encoder once, shortened to
/// `CharacterVocabulary.maxEncodedWordLength` characters (its two ends).
struct NetworkBatch {
  /// The sentence lengths and layout.
  let batch: SequenceBatch
  /// The word id of each row (`<pad>` on padding rows).
  let wordIDs: [Int]
  /// The character ids of each distinct form in the batch.
  let distinctWordCharacters: [[Int]]
  /// The distinct forms, in the order of `distinctWordCharacters`.
  let distinctForms: [String]
  /// For each row, the index of its form in `distinctWordCharacters` (-1 on padding rows).
  let rowToDistinctWord: [Int]
  /// The gold tag id of each row (-1 on padding rows); empty when tagging.
  let targets: [Int]
  /// For each input feature, the value id of each row (`<pad>` on padding rows).
  var featureIDs: [[Int]] = []

  /// Lays out `sentences` (word forms) with their word ids, and gold tag ids if given.
  init(
    forms sentences: [[String]], wordIDs sentenceWordIDs: [[Int]],
    characterIDs: (String) -> [Int], tagIDs: [[Int]]? = nil
  ) {
    let batch = SequenceBatch(lengths: sentences.map(\.count))
    let width = sentences.count
    let rowCount = batch.maxLength * width
    var wordIDs = [Int](repeating: Vocabulary.paddingID, count: rowCount)
    var rowToDistinct = [Int](repeating: -1, count: rowCount)
    var targets = tagIDs == nil ? [] : [Int](repeating: -1, count: rowCount)
    var distinctIndex: [String: Int] = [:]
    var distinctCharacters: [[Int]] = []
    var distinctForms: [String] = []
    for (column, sentence) in sentences.enumerated() {
      for (step, form) in sentence.enumerated() {
        let row = step * width + column
        wordIDs[row] = sentenceWordIDs[column][step]
        if let index = distinctIndex[form] {
          rowToDistinct[row] = index
        } else {
          distinctIndex[form] = distinctCharacters.count
          rowToDistinct[row] = distinctCharacters.count
          distinctCharacters.append(CharacterVocabulary.cappedForEncoder(characterIDs(form)))
          distinctForms.append(form)
        }
        if let tagIDs { targets[row] = tagIDs[column][step] }
      }
    }
    self.batch = batch
    self.wordIDs = wordIDs
    self.distinctWordCharacters = distinctCharacters
    self.distinctForms = distinctForms
    self.rowToDistinctWord = rowToDistinct
    self.targets = targets
  }

  /// Per-sentence tag ids laid out as the rows of `batch` (-1 on padding rows), as `targets` is.
  static func targets(_ tagIDs: [[Int]], batch: SequenceBatch) -> [Int] {
    let width = tagIDs.count
    var targets = [Int](repeating: -1, count: batch.rowCount)
    for (column, ids) in tagIDs.enumerated() {
      for (step, id) in ids.enumerated() { targets[step * width + column] = id }
    }
    return targets
  }

  /// Lays out the batch as `init(forms:wordIDs:characterIDs:tagIDs:)` does, plus the value ids of
  /// each input feature: `featureIDs[s][k][i]` is feature k of word i of sentence s.
  init(
    forms sentences: [[String]], wordIDs: [[Int]], characterIDs: (String) -> [Int],
    tagIDs: [[Int]]? = nil, featureIDs sentenceFeatureIDs: [[[Int]]], featureCount: Int
  ) {
    self.init(forms: sentences, wordIDs: wordIDs, characterIDs: characterIDs, tagIDs: tagIDs)
    let width = sentences.count
    featureIDs = (0..<featureCount).map { feature in
      var ids = [Int](repeating: Vocabulary.paddingID, count: batch.rowCount)
      for (column, sentence) in sentenceFeatureIDs.enumerated() {
        for (step, id) in sentence[feature].enumerated() { ids[step * width + column] = id }
      }
      return ids
    }
  }
}
