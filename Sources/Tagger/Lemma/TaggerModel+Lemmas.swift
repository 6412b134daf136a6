extension TaggerModel {
  /// The lemma of every word of a batch and the rule that gave it: the dictionary's answer, or
  /// for the words it has not seen whose tag the lemma decoder takes (`LemmaDecoderHead.tags`)
  /// the decoder's, written for all of them at once.
  ///
  /// - Parameters:
  ///   - inputs: The batch's sentences.
  ///   - paths: Each sentence's decoded first-layer tag ids.
  ///   - layerTags: Each word's tags in the other layers (`[sentence][word][layer]`), which
  ///     refine the dictionary (`LemmaDictionary.fullTag`); empty lists without other layers.
  ///   - contexts: The words' contexts (`wordContexts`, `[T·B, 2H]`, the batch's layout).
  ///   - beamWidth: 1 for greedy decoding, else the beam width.
  /// - Returns: `[sentence][word]`; empty lists without a lemma layer.
  func lemmas(
    _ inputs: [TaggerInput], paths: [[Int]], layerTags: [[[String]]], contexts: Matrix,
    beamWidth: Int = 1
  ) -> [[(lemma: String, source: LemmaDictionary.Source)]] {
    guard let lemmaDictionary else { return inputs.map { _ in [] } }
    var result = inputs.indices.map { b in
      inputs[b].words.indices.map { i in
        lemmaDictionary.lemma(
          of: inputs[b].words[i], tag: tagSet.tags[paths[b][i]],
          detail: LemmaDictionary.fullTag(layerTags[b][i]))
      }
    }
    guard let lemmaDecoder else { return result }
    var asked: [(sentence: Int, word: Int)] = []
    var characters: [[Int]] = []
    var tags: [Int] = []
    var rows: [Int] = []
    for (b, input) in inputs.enumerated() {
      for (i, word) in input.words.enumerated()
      where result[b][i].source != .dictionary
        && lemmaDecoder.tags.contains(tagSet.tags[paths[b][i]])
      {
        guard let ids = lemmaDecoder.characterIDs(of: word) else { continue }
        asked.append((b, i))
        characters.append(ids)
        tags.append(paths[b][i])
        rows.append(i * inputs.count + b)
      }
    }
    guard !asked.isEmpty else { return result }
    let words = LemmaWords(
      characters: characters, tags: tags, contexts: contexts.gatheringRows(rows))
    let written = lemmaDecoder.network.lemmas(of: words, beamWidth: beamWidth)
    for ((b, i), lemma) in zip(asked, written) {
      guard let lemma, !lemma.isEmpty else { continue }  // the rules' answer stays
      result[b][i] = (lemmaDecoder.text(of: lemma), .decoder)
    }
    return result
  }
}
