import Corpora

extension TagEvaluator {
  /// Adds one sentence pair, checking that both have the same words.
  ///
  /// - Parameters:
  ///   - gold: the gold sentence.
  ///   - goldColumn: the index in `gold.columnNames` of the gold tags.
  ///   - predicted: the predicted sentence.
  ///   - predictedColumn: the index in `predicted.columnNames` of the predicted tags.
  ///   - predictedFile: the predicted file's name, for error messages.
  /// - Throws: `CorpusError` of kind `.invalidContent`, located at the predicted sentence's line,
  ///   when the sentences differ in length or in a word; it names the sentence number, the first
  ///   token that differs and both words. Nothing is added then.
  public mutating func add(
    gold: Sentence, goldColumn: Int, predicted: Sentence, predictedColumn: Int,
    predictedFile: String = "<predicted>"
  ) throws {
    precondition(
      goldColumn >= 0 && goldColumn < gold.columnNames.count && predictedColumn >= 0
        && predictedColumn < predicted.columnNames.count,
      "TagEvaluator.add: columns \(goldColumn) of \(gold.columnNames.count), "
        + "\(predictedColumn) of \(predicted.columnNames.count)")
    let words = gold.forms
    if let message = Self.misalignment(
      goldWords: words, predictedWords: predicted.forms, sentenceNumber: sentenceCount + 1,
      goldLine: gold.sourceLine)
    {
      throw CorpusError(
        .invalidContent(message), file: predictedFile,
        line: predicted.sourceLine > 0 ? predicted.sourceLine : nil)
    }
    add(
      gold: gold.values(ofColumn: goldColumn),
      predicted: predicted.values(ofColumn: predictedColumn),
      words: words)
  }

  /// Describes the first place where the two word sequences differ, or nil when they agree.
  static func misalignment(
    goldWords: [String], predictedWords: [String], sentenceNumber: Int, goldLine: Int
  ) -> String? {
    guard goldWords != predictedWords else { return nil }
    let sharedCount = min(goldWords.count, predictedWords.count)
    let index = (0..<sharedCount).first { goldWords[$0] != predictedWords[$0] } ?? sharedCount
    func describe(_ words: [String]) -> String {
      index < words.count ? quote(words[index]) : "end of sentence"
    }
    var message = "sentence \(sentenceNumber) does not match the gold file"
    if goldWords.count != predictedWords.count {
      message += " (\(predictedWords.count) words, gold has \(goldWords.count))"
    }
    message +=
      ": token \(index + 1) is \(describe(predictedWords)), gold has \(describe(goldWords))"
    if goldLine > 0 { message += " (gold line \(goldLine))" }
    return message
  }

  /// `word` in double quotes, cut to 60 characters as `CorpusError` cuts excerpts.
  static func quote(_ word: String) -> String {
    let text = word.count <= 60 ? word : String(word.prefix(59)) + "…"
    return "\"\(text)\""
  }
}
