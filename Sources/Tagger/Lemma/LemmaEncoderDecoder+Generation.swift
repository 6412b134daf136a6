import Foundation

/// A `LemmaEncoderDecoder` prepared for writing lemmas one character at a time: what the
/// samplers (`Sampler.sample`, `Sampler.beamSearch`) drive.
public struct LemmaStepDecoder: StepDecoder, Sendable {
  /// The state of a batch of lemmas being written.
  public struct State: Sendable {
    /// The decoder's layers.
    var layers: [RecurrentState]
    /// Each sequence's encoder states, `[n, 2Hₑ]`.
    var memory: [Matrix]
    /// Each sequence's attention keys, `[n, H_d]`.
    var keys: [Matrix]
  }

  /// The encoder-decoder.
  public let model: LemmaEncoderDecoder
  private let steps: RecurrentStepDecoder

  /// Prepares `model` for stepping.
  public init(_ model: LemmaEncoderDecoder) {
    self.model = model
    steps = RecurrentStepDecoder(model.decoder)
  }

  public var vocabularySize: Int { model.characterCount }

  /// The state before the first symbol (`<bos>`) of each of `words`.
  public func initialState(_ words: LemmaWords) -> State {
    let encoding = model.encode(words)
    let batchSize = words.count
    var memory: [Matrix] = []
    var keys: [Matrix] = []
    for b in 0..<batchSize {
      let rows = (0..<words.characters[b].count).map { $0 * batchSize + b }
      memory.append(encoding.memory.gatheringRows(rows))
      keys.append(encoding.keys.gatheringRows(rows))
    }
    return State(layers: model.initialStates(encoding), memory: memory, keys: keys)
  }

  public func step(_ symbols: [Int], state: inout State) -> Matrix {
    steps.advance(symbols, state: &state.layers)
    let hidden = state.layers[state.layers.count - 1].hidden
    var contexts = Matrix(rows: symbols.count, columns: 2 * model.configuration.encoderSize)
    for b in 0..<symbols.count {
      let length = state.memory[b].rows
      var alphas = [Float](repeating: 0, count: length)
      LemmaEncoderDecoder.attend(
        query: hidden, row: b, keys: state.keys[b], memory: state.memory[b], word: 0, words: 1,
        length: length, alphas: &alphas, alphaOffset: 0, context: &contexts, contextRow: b)
    }
    var attentional = model.combine.forward(Matrix.concatenatingColumns(hidden, contexts))
    attentional.applyTanh()
    return model.decoder.output.forward(attentional)
  }

  public func selecting(_ state: State, rows: [Int]) -> State {
    State(
      layers: state.layers.map { $0.selecting(rows: rows) }, memory: rows.map { state.memory[$0] },
      keys: rows.map { state.keys[$0] })
  }
}

extension LemmaEncoderDecoder {
  /// The most characters a lemma may have beyond its word's length.
  public static let extraLength = 12

  /// Writes the lemma of each of `words`: greedily (`beamWidth` 1, all words at once) or by beam
  /// search of that width (word by word). A lemma is character ids without markers; nil when
  /// the decoder did not reach `<eos>` within the word's length plus `extraLength`.
  public func lemmas(of words: LemmaWords, beamWidth: Int = 1) -> [[Int]?] {
    guard words.count > 0 else { return [] }
    precondition(beamWidth >= 1, "LemmaEncoderDecoder.lemmas: beam width \(beamWidth)")
    let stepper = LemmaStepDecoder(self)
    let state = stepper.initialState(words)
    let limits = GenerationLimits(
      endSymbol: CharacterVocabulary.endID,
      maxLength: (words.characters.map(\.count).max() ?? 0) + Self.extraLength,
      excludedSymbols: [
        CharacterVocabulary.paddingID, CharacterVocabulary.beginID, CharacterVocabulary.unknownID,
      ])
    let generated: [GeneratedSequence?]
    if beamWidth == 1 {
      var rng = SplitMix64(seed: 0)  // greedy draws nothing
      generated = Sampler.sample(
        stepper, state: state, count: words.count, prompt: [CharacterVocabulary.beginID],
        strategy: .greedy, limits: limits, using: &rng)
    } else {
      generated = (0..<words.count).map { b in
        Sampler.beamSearch(
          stepper, state: stepper.selecting(state, rows: [b]),
          prompt: [CharacterVocabulary.beginID], width: beamWidth, limits: limits
        ).first
      }
    }
    return zip(generated, words.characters).map { sequence, characters in
      guard let sequence, sequence.isComplete,
        sequence.symbols.count <= characters.count + Self.extraLength
      else { return nil }
      return sequence.symbols
    }
  }
}
