extension CharacterVocabulary {
  /// The most characters of one word that the character encoder reads.
  ///
  /// The encoder's memory and time grow with the longest word of a batch: a 500,000-character
  /// "word" once took 1.3 GB. Real words are shorter (79 of the 258,000 forms of UD English EWT
  /// are longer: URLs and lines of dashes), and what tells a word's tag is at its ends.
  public static let maxEncodedWordLength = 64

  /// `ids` shortened to `maxEncodedWordLength`: its first and last halves, the middle dropped.
  ///
  /// Words at most that long are returned unchanged, so the cap changes nothing for them.
  static func cappedForEncoder(_ ids: [Int]) -> [Int] {
    guard ids.count > maxEncodedWordLength else { return ids }
    let half = maxEncodedWordLength / 2
    return Array(ids.prefix(half) + ids.suffix(maxEncodedWordLength - half))
  }
}
