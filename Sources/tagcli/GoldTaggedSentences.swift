import Corpora
import Tagger

/// The sentences of a gold corpus as `model` reads them: its input words and feature columns,
/// with the gold tags of `corpus.layer`. Empty sentences are dropped.
///
/// - Throws: `CorpusError` for unreadable input, a missing tag layer or missing feature columns.
func goldTaggedSentences(
  _ path: String, corpus: CorpusOptions, model: TaggerModel
) throws -> [TaggedSentence] {
  var reader = try corpus.reader(for: path)
  var sentences: [TaggedSentence] = []
  while let sentence = try reader.next() {
    guard !sentence.tokens.isEmpty else { continue }
    let column = try corpus.layer.column(in: sentence, file: path)
    let input = try model.input(for: sentence, file: path)
    var tagged = TaggedSentence(words: input.words, tags: sentence.values(ofColumn: column))
    tagged.features = input.features
    sentences.append(tagged)
  }
  return sentences
}
