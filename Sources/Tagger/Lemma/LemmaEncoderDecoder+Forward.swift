import Foundation

/// What the encoder computes for a batch of words: the memory the decoder attends over and the
/// decoder's start.
struct LemmaEncoding: Sendable {
  /// The characters' layout (time-major, row `i·B + b` is character i of word b).
  let layout: SequenceBatch
  /// The padded character ids, `[N·B]`.
  let inputIDs: [Int]
  /// The encoder states `[forward | backward]`, `[N·B, 2Hₑ]` (zero at padding).
  let memory: Matrix
  /// `memory · W_aᵀ`, `[N·B, H_d]`: each state as the attention compares it with `h`.
  let keys: Matrix
  let forwardCache: RecurrentCache
  let backwardCache: RecurrentCache
  /// `[final forward; final backward; context; tag embedding]`, `[B, ·]`.
  let bridgeInput: Matrix
  /// The decoder's first hidden state, `[B, H_d]`.
  let initialHidden: Matrix
}

/// What `LemmaEncoderDecoder.backward` needs from a teacher-forced run.
struct LemmaForcingCache: Sendable {
  let words: LemmaWords
  let encoding: LemmaEncoding
  let decoderCache: DecoderCache
  /// The decoder's (dropped-out) hidden states, `[T·B, H_d]`.
  let hidden: Matrix
  /// The attention weights of row r over the characters of its word: `alphas[r·N + i]`.
  let alphas: [Float]
  /// `[h; c]`, `[T·B, H_d + 2Hₑ]`.
  let combineInput: Matrix
  /// `tanh(combine([h; c]))`, `[T·B, H_d]`.
  let attentional: Matrix
}

extension LemmaEncoderDecoder {
  /// Encodes `words`: the memory, its attention keys and the decoder's first state.
  func encode(_ words: LemmaWords) -> LemmaEncoding {
    let layout = SequenceBatch(lengths: words.characters.map(\.count))
    let batchSize = words.count
    var ids = [Int](repeating: Embedding.paddingID, count: layout.rowCount)
    for (b, characters) in words.characters.enumerated() {
      for (i, id) in characters.enumerated() { ids[i * batchSize + b] = id }
    }
    let x = characters.forward(ids)
    let (forwardHidden, forwardCache) = encoderForward.forward(x, batch: layout, reversed: false)
    let (backwardHidden, backwardCache) = encoderBackward.forward(x, batch: layout, reversed: true)
    let memory = Matrix.concatenatingColumns(forwardHidden, backwardHidden)
    let keys = Matrix.product(memory, attention, transposeB: true)
    let bridgeInput = Matrix.concatenatingColumns(
      Matrix.concatenatingColumns(
        Matrix.concatenatingColumns(forwardCache.finalHidden, backwardCache.finalHidden),
        words.contexts),
      tags.forward(words.tags.map { $0 + 1 }))
    var initialHidden = bridge.forward(bridgeInput)
    initialHidden.applyTanh()
    return LemmaEncoding(
      layout: layout, inputIDs: ids, memory: memory, keys: keys, forwardCache: forwardCache,
      backwardCache: backwardCache, bridgeInput: bridgeInput, initialHidden: initialHidden)
  }

  /// The decoder's initial states (one per layer) from the encoder's start.
  func initialStates(_ encoding: LemmaEncoding) -> [RecurrentState] {
    var states = decoder.zeroState(batchSize: encoding.initialHidden.rows)
    states[0].hidden = encoding.initialHidden
    return states
  }

  /// The teacher-forced batch of `lemmas` (character ids without markers).
  static func forcingBatch(_ lemmas: [[Int]]) -> DecoderBatch {
    DecoderBatch(
      languageModel: lemmas, begin: CharacterVocabulary.beginID, end: CharacterVocabulary.endID)
  }

  /// Runs the encoder-decoder over words and their lemmas with teacher forcing.
  ///
  /// - Returns: The logits of every decoder row, `[T·B, V]` (rows without a target hold values no
  ///   loss reads), the targets of the rows, and the cache for `backward`.
  func forward(
    _ words: LemmaWords, lemmas: [[Int]], isTraining: Bool, using rng: inout SplitMix64
  ) -> (logits: Matrix, targets: [Int], cache: LemmaForcingCache) {
    precondition(lemmas.count == words.count, "LemmaEncoderDecoder: \(lemmas.count) lemmas")
    let encoding = encode(words)
    let batch = Self.forcingBatch(lemmas)
    let (hidden, decoderCache) = decoder.forwardStates(
      batch, initialState: initialStates(encoding), isTraining: isTraining, using: &rng)
    let (contexts, alphas) = attend(hidden, encoding: encoding, rows: batch.layout)
    let combineInput = Matrix.concatenatingColumns(hidden, contexts)
    var attentional = combine.forward(combineInput)
    attentional.applyTanh()
    let logits = decoder.output.forward(attentional)
    return (
      logits, batch.targetIDs,
      LemmaForcingCache(
        words: words, encoding: encoding, decoderCache: decoderCache, hidden: hidden,
        alphas: alphas, combineInput: combineInput, attentional: attentional)
    )
  }

  /// The attention of every decoder row that predicts a character (steps 1… of each word):
  /// contexts `[T·B, 2Hₑ]` (zero elsewhere) and weights `alphas[r·N + i]`.
  private func attend(_ hidden: Matrix, encoding: LemmaEncoding, rows layout: SequenceBatch)
    -> (contexts: Matrix, alphas: [Float])
  {
    let batchSize = layout.batchSize
    let span = encoding.layout.maxLength
    var contexts = Matrix(rows: hidden.rows, columns: encoding.memory.columns)
    var alphas = [Float](repeating: 0, count: hidden.rows * span)
    for b in 0..<batchSize {
      let length = encoding.layout.lengths[b]
      for step in 1..<layout.lengths[b] {
        let row = step * batchSize + b
        Self.attend(
          query: hidden, row: row, keys: encoding.keys, memory: encoding.memory, word: b,
          words: batchSize, length: length, alphas: &alphas, alphaOffset: row * span,
          context: &contexts, contextRow: row)
      }
    }
    return (contexts, alphas)
  }

  /// One attention read: the weights of `query`'s row over the `length` characters of `word`
  /// (memory rows `i·words + word`), written at `alphaOffset`, and their context into
  /// `contextRow` of `context`.
  static func attend(
    query: Matrix, row: Int, keys: Matrix, memory: Matrix, word: Int, words: Int, length: Int,
    alphas: inout [Float], alphaOffset: Int, context: inout Matrix, contextRow: Int
  ) {
    let h = query.columns
    let m = memory.columns
    query.storage.withUnsafeBufferPointer { q in
      keys.storage.withUnsafeBufferPointer { k in
        alphas.withUnsafeMutableBufferPointer { a in
          var maximum = -Float.infinity
          for i in 0..<length {
            let keyStart = (i &* words &+ word) &* h
            var score: Float = 0
            for j in 0..<h { score += q[row &* h &+ j] * k[keyStart &+ j] }
            a[alphaOffset &+ i] = score
            maximum = max(maximum, score)
          }
          var sum: Float = 0
          for i in 0..<length {
            let weight = Foundation.exp(a[alphaOffset &+ i] - maximum)
            a[alphaOffset &+ i] = weight
            sum += weight
          }
          for i in 0..<length { a[alphaOffset &+ i] /= sum }
        }
      }
    }
    memory.storage.withUnsafeBufferPointer { v in
      context.storage.withUnsafeMutableBufferPointer { c in
        for i in 0..<length {
          let weight = alphas[alphaOffset &+ i]
          let valueStart = (i &* words &+ word) &* m
          for j in 0..<m { c[contextRow &* m &+ j] += weight * v[valueStart &+ j] }
        }
      }
    }
  }

  /// Back-propagates `dLogits` (`[T·B, V]`) through a teacher-forced run into `gradients`. The
  /// context vectors get no gradient (the tagger that made them is already trained).
  func backward(_ dLogits: Matrix, cache: LemmaForcingCache, into gradients: inout LemmaEncoderDecoder) {
    let encoding = cache.encoding
    let hd = configuration.decoderSize
    let he = configuration.encoderSize
    var dAttentional = decoder.output.backward(
      dLogits, input: cache.attentional, into: &gradients.decoder.output)
    dAttentional.multiplyByTanhDerivative(output: cache.attentional)
    let dCombineInput = combine.backward(
      dAttentional, input: cache.combineInput, into: &gradients.combine)
    var dHidden = dCombineInput.columns(0..<hd)
    let dContexts = dCombineInput.columns(hd..<(hd + 2 * he))
    var dMemory = Matrix(rows: encoding.memory.rows, columns: encoding.memory.columns)
    var dKeys = Matrix(rows: encoding.keys.rows, columns: encoding.keys.columns)
    let layout = cache.decoderCache.batch.layout
    let batchSize = layout.batchSize
    let span = encoding.layout.maxLength
    for b in 0..<batchSize {
      for step in 1..<layout.lengths[b] {
        let row = step * batchSize + b
        Self.attendBackward(
          dContext: dContexts, row: row, query: cache.hidden, keys: encoding.keys,
          memory: encoding.memory, word: b, words: batchSize, length: encoding.layout.lengths[b],
          alphas: cache.alphas, alphaOffset: row * span, dQuery: &dHidden, dKeys: &dKeys,
          dMemory: &dMemory)
      }
    }
    Matrix.gemm(dKeys, encoding.memory, transposeA: true, beta: 1, into: &gradients.attention)
    Matrix.gemm(dKeys, attention, beta: 1, into: &dMemory)
    let dStates = decoder.backwardStates(
      dHidden, cache: cache.decoderCache, into: &gradients.decoder)
    var dStart = dStates[0].hidden
    dStart.multiplyByTanhDerivative(output: encoding.initialHidden)
    let dBridgeInput = bridge.backward(dStart, input: encoding.bridgeInput, into: &gradients.bridge)
    let contextEnd = 2 * he + contextSize
    tags.backward(
      dBridgeInput.columns(contextEnd..<dBridgeInput.columns), ids: cache.words.tags.map { $0 + 1 },
      into: &gradients.tags)
    let dForward = encoderForward.backward(
      dMemory.columns(0..<he), dFinalHidden: dBridgeInput.columns(0..<he),
      cache: encoding.forwardCache, into: &gradients.encoderForward)
    var dInput = encoderBackward.backward(
      dMemory.columns(he..<(2 * he)), dFinalHidden: dBridgeInput.columns(he..<(2 * he)),
      cache: encoding.backwardCache, into: &gradients.encoderBackward)
    dInput += dForward
    characters.backward(dInput, ids: encoding.inputIDs, into: &gradients.characters)
  }

  /// The gradients of one attention read (see `attend`): into the query row, the keys and the
  /// memory.
  private static func attendBackward(
    dContext: Matrix, row: Int, query: Matrix, keys: Matrix, memory: Matrix, word: Int,
    words: Int, length: Int, alphas: [Float], alphaOffset: Int, dQuery: inout Matrix,
    dKeys: inout Matrix, dMemory: inout Matrix
  ) {
    let h = query.columns
    let m = memory.columns
    var dAlphas = [Float](repeating: 0, count: length)
    var weighted: Float = 0
    dContext.storage.withUnsafeBufferPointer { dc in
      memory.storage.withUnsafeBufferPointer { v in
        dMemory.storage.withUnsafeMutableBufferPointer { dv in
          for i in 0..<length {
            let valueStart = (i &* words &+ word) &* m
            let weight = alphas[alphaOffset &+ i]
            var dot: Float = 0
            for j in 0..<m {
              dot += dc[row &* m &+ j] * v[valueStart &+ j]
              dv[valueStart &+ j] += weight * dc[row &* m &+ j]
            }
            dAlphas[i] = dot
            weighted += weight * dot
          }
        }
      }
    }
    query.storage.withUnsafeBufferPointer { q in
      keys.storage.withUnsafeBufferPointer { k in
        dKeys.storage.withUnsafeMutableBufferPointer { dk in
          dQuery.storage.withUnsafeMutableBufferPointer { dq in
            for i in 0..<length {
              let dScore = alphas[alphaOffset &+ i] * (dAlphas[i] - weighted)
              let keyStart = (i &* words &+ word) &* h
              for j in 0..<h {
                dk[keyStart &+ j] += dScore * q[row &* h &+ j]
                dq[row &* h &+ j] += dScore * k[keyStart &+ j]
              }
            }
          }
        }
      }
    }
  }

  /// The teacher-forced cross-entropy of `lemmas` (summed over predicted characters, in nats),
  /// without dropout.
  func loss(_ words: LemmaWords, lemmas: [[Int]]) -> Double {
    var rng = SplitMix64(seed: 0)
    let (logits, targets, _) = forward(words, lemmas: lemmas, isTraining: false, using: &rng)
    return SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets).loss
  }
}
