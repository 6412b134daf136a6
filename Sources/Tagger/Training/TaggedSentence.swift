import Corpora

/// A sentence's words with one tag each and, for a sentence classifier, its label: what
/// training and evaluation consume.
public struct TaggedSentence: Sendable, Equatable {
  /// The words.
  public var words: [String]
  /// One tag per word; empty when only the label is trained.
  public var tags: [String]
  /// The sentence label, nil when no label head is trained.
  public var label: String?
  /// The values of the input features (`features[k][i]`: feature k of word i); empty without.
  public var features: [[String]] = []
  /// The tags of the additional tag layers (`layerTags[k][i]`: layer k + 1 of word i, XPOS and
  /// FEATS beside UPOS in `tags`); empty for one layer.
  public var layerTags: [[String]] = []

  /// The gold lemma of each word when a lemma layer is trained; empty without.
  public var lemmas: [String] = []

  /// Every layer's values, `tags` first and the lemmas last (`[layer][word]`).
  public var allLayerTags: [[String]] { [tags] + layerTags + (lemmas.isEmpty ? [] : [lemmas]) }

  /// Pairs words and tags (of equal count, or no tags at all next to a label).
  public init(words: [String], tags: [String], label: String? = nil) {
    precondition(
      words.count == tags.count || (tags.isEmpty && label != nil),
      "TaggedSentence: \(words.count) words, \(tags.count) tags")
    self.words = words
    self.tags = tags
    self.label = label
  }

  /// The words of `sentence` with the tags of column `tagColumn` and the values of the input
  /// feature columns `featureColumns`.
  public init(_ sentence: Sentence, tagColumn: Int, featureColumns: [Int] = []) {
    self.init(words: sentence.forms, tags: sentence.values(ofColumn: tagColumn))
    features = featureColumns.map { sentence.values(ofColumn: $0) }
  }

  /// The words and feature values, as the tagger reads them.
  public var input: TaggerInput { TaggerInput(words: words, features: features) }
}

extension Sequence where Element == TaggedSentence {
  /// An FNV-1a checksum of every word and tag, in order: identifies the training data in a model.
  public func checksum() -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ text: String) {
      for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      hash = (hash ^ 0x1F) &* 0x100_0000_01b3
    }
    for sentence in self {
      for (word, tag) in zip(sentence.words, sentence.tags) {
        mix(word)
        mix(tag)
      }
      for layer in sentence.layerTags + [sentence.lemmas] where !layer.isEmpty {  // absent: older checksums stay
        hash = (hash ^ 0x1C) &* 0x100_0000_01b3
        for tag in layer { mix(tag) }
      }
      if let label = sentence.label {
        hash = (hash ^ 0x1D) &* 0x100_0000_01b3
        mix(label)
      }
      hash = (hash ^ 0x1E) &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
  }
}
