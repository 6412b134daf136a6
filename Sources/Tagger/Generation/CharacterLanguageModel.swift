import Foundation

/// A character-level language model: each line is a sequence of Unicode scalars wrapped in
/// `<bos>` … `<eos>`, predicted one scalar at a time by a `RecurrentDecoder`.
///
/// **Characters are Unicode scalars**, not grapheme clusters: the vocabulary is the closed set of
/// scalars seen in training, it does not depend on the Unicode version of the standard library
/// (cluster boundaries do), and any sequence of scalars is valid text, so every generated
/// sequence prints. (A combining mark may be generated after a character that does not take it;
/// that is the price.) The vocabulary is `CharacterVocabulary`: ids `0 = <pad>`, `1 = <unk>`,
/// `2 = <bos>`, `3 = <eos>` are reserved and no scalar maps to them, so no text can produce a
/// marker.
public struct CharacterLanguageModel: Sendable {
  /// Where the model came from.
  public struct Provenance: Codable, Sendable, Equatable {
    /// The seed of initialisation and batching.
    public var seed: UInt64
    /// Training lines and characters (scalars, `<eos>` not counted).
    public var trainingLines: Int
    /// Training characters.
    public var trainingCharacters: Int
    /// A checksum of the training lines (`checksum(of:)`); nil in models written before it was
    /// recorded.
    public var trainingChecksum: String?
    /// One entry per finished epoch.
    public var log: [LanguageModelLogEntry] = []

    /// A provenance with the given values.
    public init(
      seed: UInt64, trainingLines: Int, trainingCharacters: Int, trainingChecksum: String? = nil
    ) {
      self.seed = seed
      self.trainingLines = trainingLines
      self.trainingCharacters = trainingCharacters
      self.trainingChecksum = trainingChecksum
    }

    /// The provenance of training on `lines`: their count, scalars and checksum.
    public init(seed: UInt64, training lines: [String]) {
      self.init(
        seed: seed, trainingLines: lines.count,
        trainingCharacters: lines.reduce(0) { $0 + $1.unicodeScalars.count },
        trainingChecksum: Self.checksum(of: lines))
    }

    /// A 64-bit FNV-1a hash of the lines' UTF-8 and their boundaries, in hex: what `--resume`
    /// compares to refuse other training data.
    public static func checksum(of lines: [String]) -> String {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for line in lines {
        for byte in line.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0x1E) &* 0x100_0000_01b3
      }
      return String(hash, radix: 16)
    }

    /// Whether `lines` are the lines this model was trained on: the checksum where recorded,
    /// else the line and character counts.
    public func matches(training lines: [String]) -> Bool {
      if let trainingChecksum { return trainingChecksum == Self.checksum(of: lines) }
      return trainingLines == lines.count
        && trainingCharacters == lines.reduce(0) { $0 + $1.unicodeScalars.count }
    }
  }

  /// The hyperparameters.
  public var configuration: LanguageModelConfiguration
  /// The scalars and the reserved markers.
  public var vocabulary: CharacterVocabulary
  /// The network.
  public var decoder: RecurrentDecoder
  /// Seed, data sizes and training log.
  public var provenance: Provenance

  /// A model from its parts.
  public init(
    configuration: LanguageModelConfiguration, vocabulary: CharacterVocabulary,
    decoder: RecurrentDecoder, provenance: Provenance
  ) {
    precondition(
      decoder.vocabularySize == vocabulary.count,
      "CharacterLanguageModel: decoder over \(decoder.vocabularySize) symbols, vocabulary \(vocabulary.count)"
    )
    self.configuration = configuration
    self.vocabulary = vocabulary
    self.decoder = decoder
    self.provenance = provenance
  }

  /// The symbol ids of `text` (unknown scalars become `<unk>`).
  public func symbols(of text: String) -> [Int] { vocabulary.ids(of: text) }

  /// The text of generated symbols (markers, which generation never produces, are skipped).
  public func text(of symbols: [Int]) -> String { vocabulary.text(of: symbols) }

  /// The generation limits of this model: ends at `<eos>`, never produces `<pad>`, `<bos>` or
  /// `<unk>`.
  public func limits(maxLength: Int) -> GenerationLimits {
    GenerationLimits(
      endSymbol: CharacterVocabulary.endID, maxLength: maxLength,
      excludedSymbols: [
        CharacterVocabulary.paddingID, CharacterVocabulary.beginID, CharacterVocabulary.unknownID,
      ])
  }

  /// The teacher-forced batch of `lines`.
  func batch(_ lines: [[Int]]) -> DecoderBatch {
    DecoderBatch(
      languageModel: lines, begin: CharacterVocabulary.beginID, end: CharacterVocabulary.endID)
  }

  /// The most symbols of one line run through the network at once when scoring: a longer line
  /// is scored in pieces of this length (see `score`).
  public static let scoringPieceLength = 1_024
  /// The most padded steps of one scoring batch (lines of up to 256 symbols fill 64 to a batch).
  static let scoringBatchSteps = 16_384

  /// Cross-entropy of the model on `lines` (each predicted scalar and each line's `<eos>`).
  ///
  /// Lines are scored in length-sorted batches of at most `batchSize` lines and 16,384 padded
  /// steps; the result does not depend on the batches beyond rounding. A line longer than
  /// `pieceLength` symbols is scored alone, piece by piece, each piece starting from the states
  /// the previous one ended in: the loss of one run over the whole line, with memory bounded by
  /// the piece (a 5 MB line once needed 24 GB). With `threads` above 1 the batches are scored
  /// on that many threads (OpenBLAS held to one) and summed in the same order: the same score,
  /// bit for bit.
  public func score(
    _ lines: [String], batchSize: Int = 64, pieceLength: Int = scoringPieceLength,
    threads: Int = 1
  ) -> LanguageModelScore {
    let encoded = lines.map(symbols(of:)).sorted { $0.count < $1.count }
    // The batches as ranges of `encoded`; a line longer than a piece is a range of its own.
    var batches: [Range<Int>] = []
    var start = 0
    while start < encoded.count {
      var end = start + 1
      // Sorted by length, so the last line taken is the batch's longest.
      while encoded[start].count <= pieceLength, end < encoded.count, end - start < batchSize,
        encoded[end].count <= pieceLength,
        (end - start + 1) * (encoded[end].count + 1) <= Self.scoringBatchSteps
      {
        end += 1
      }
      batches.append(start..<end)
      start = end
    }
    if threads > 1 { Matrix.setBLASThreads(1) }
    // The longest batches first, so that no thread is left with a long one at the end.
    let order = Array(batches.indices.reversed())
    let losses = ParallelBatches.map(order, threads: threads) { index -> (Double, Int) in
      let range = batches[index]
      let first = encoded[range.lowerBound]
      if first.count > pieceLength {
        return (pieceByPieceLoss(first, pieceLength: pieceLength), first.count + 1)
      }
      let batch = batch(Array(encoded[range]))
      return (decoder.loss(batch), batch.targetCount)
    }
    var byBatch = [(nats: Double, characters: Int)](repeating: (0, 0), count: batches.count)
    for (index, loss) in zip(order, losses) { byBatch[index] = loss }
    var score = LanguageModelScore(nats: 0, characters: 0, lines: lines.count)
    for loss in byBatch {
      score.nats += loss.nats
      score.characters += loss.characters
    }
    return score
  }

  /// The teacher-forced loss of one line run in pieces of `pieceLength` steps, the final states
  /// of each piece starting the next.
  func pieceByPieceLoss(_ line: [Int], pieceLength: Int) -> Double {
    let inputs = [CharacterVocabulary.beginID] + line
    let targets = line + [CharacterVocabulary.endID]
    var state: [RecurrentState]?
    var nats = 0.0
    var rng = SplitMix64(seed: 0)
    var start = 0
    while start < inputs.count {
      let end = min(start + pieceLength, inputs.count)
      let piece = DecoderBatch(
        inputs: [Array(inputs[start..<end])], targets: [Array(targets[start..<end])])
      let (logits, cache) = decoder.forward(
        piece, initialState: state, isTraining: false, using: &rng)
      nats += SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: piece.targetIDs).loss
      state = cache.layerCaches.map { RecurrentState(hidden: $0.finalHidden, cell: $0.finalCell) }
      start = end
    }
    return nats
  }

  /// `count` lines sampled after `prefix` (a draw per character; `.greedy` repeats one line).
  ///
  /// Runs on the calling thread alone: OpenBLAS is held to one thread, since each step's products
  /// are small and its threads cost more in synchronisation than they save (with the other core
  /// busy, 20× more wall time on the 2-core test machine).
  public func generate(
    count: Int, prefix: [Int], strategy: SamplingStrategy, maxLength: Int,
    using rng: inout SplitMix64
  ) -> [GeneratedSequence] {
    Matrix.setBLASThreads(1)
    let stepper = RecurrentStepDecoder(decoder)
    return Sampler.sample(
      stepper, state: decoder.zeroState(batchSize: count), count: count,
      prompt: [CharacterVocabulary.beginID] + prefix, strategy: strategy,
      limits: limits(maxLength: maxLength), using: &rng)
  }

  /// The `width` most probable lines after `prefix`, by beam search (on one thread, as
  /// `generate`).
  public func beamSearch(prefix: [Int], width: Int, maxLength: Int) -> [GeneratedSequence] {
    Matrix.setBLASThreads(1)
    return Sampler.beamSearch(
      RecurrentStepDecoder(decoder), state: decoder.zeroState(batchSize: 1),
      prompt: [CharacterVocabulary.beginID] + prefix, width: width,
      limits: limits(maxLength: maxLength))
  }
}

/// A language model's cross-entropy on some lines.
public struct LanguageModelScore: Sendable, Equatable {
  /// Summed cross-entropy in nats.
  public var nats: Double
  /// Predicted symbols: every scalar plus one `<eos>` per line.
  public var characters: Int
  /// Lines scored.
  public var lines: Int

  /// Bits per character (`<eos>` counted as a character).
  public var bitsPerCharacter: Double { nats / Double(max(characters, 1)) / log(2) }

  /// Per-character perplexity, `2^bitsPerCharacter`.
  public var perplexity: Double { exp(nats / Double(max(characters, 1))) }
}

/// One epoch of language-model training, as stored in the model file.
public struct LanguageModelLogEntry: Codable, Sendable, Equatable {
  /// The 1-based epoch.
  public var epoch: Int
  /// Mean training loss over the epoch, in bits per character.
  public var trainBitsPerCharacter: Double
  /// Dev bits per character after the epoch.
  public var devBitsPerCharacter: Double
  /// Wall-clock seconds of the epoch (training only).
  public var seconds: Double
  /// Training characters per second over the epoch.
  public var charactersPerSecond: Double
}
