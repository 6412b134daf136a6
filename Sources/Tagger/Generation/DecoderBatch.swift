/// A teacher-forced batch for a `RecurrentDecoder`: B sequences of input symbols, each with the
/// symbol expected after every input.
///
/// For a language model, line `c₁…cₙ` gives inputs `<bos> c₁ … cₙ` and targets `c₁ … cₙ <eos>`:
/// the ground-truth previous symbol is the input at every step (teacher forcing). The padded,
/// time-major layout is `SequenceBatch`'s with one extra leading step that holds the initial
/// state (`RecurrentLayer.forward(…, initialState:)`): row `(t + 1)·B + b` is input `t` of
/// sequence `b`; step 0 and padding have input `<pad>` (id 0) and no target.
public struct DecoderBatch: Sendable {
  /// The layout: `lengths[b]` is sequence b's input count plus one (the state step).
  public let layout: SequenceBatch
  /// The input symbol of every row, `T·B` ids (`0` at the state step and padding).
  public let inputIDs: [Int]
  /// The target symbol of every row, `T·B` ids (negative where nothing is predicted).
  public let targetIDs: [Int]
  /// The number of predicted symbols.
  public let targetCount: Int

  /// A batch of sequences with as many targets as inputs each.
  public init(inputs: [[Int]], targets: [[Int]]) {
    precondition(
      inputs.count == targets.count && zip(inputs, targets).allSatisfy { $0.count == $1.count },
      "DecoderBatch: inputs and targets differ in length")
    let layout = SequenceBatch(lengths: inputs.map { $0.count + 1 })
    let batchSize = inputs.count
    var inputIDs = [Int](repeating: Embedding.paddingID, count: layout.rowCount)
    var targetIDs = [Int](repeating: SoftmaxCrossEntropy.ignoredTarget, count: layout.rowCount)
    for b in 0..<batchSize {
      for (step, (symbol, target)) in zip(inputs[b], targets[b]).enumerated() {
        inputIDs[(step + 1) * batchSize + b] = symbol
        targetIDs[(step + 1) * batchSize + b] = target
      }
    }
    self.layout = layout
    self.inputIDs = inputIDs
    self.targetIDs = targetIDs
    targetCount = targets.reduce(0) { $0 + $1.count }
  }

  /// The language-model batch of `sequences` (symbol ids without markers): inputs
  /// `begin s₁ … sₙ`, targets `s₁ … sₙ end`.
  public init(languageModel sequences: [[Int]], begin: Int, end: Int) {
    self.init(inputs: sequences.map { [begin] + $0 }, targets: sequences.map { $0 + [end] })
  }

  /// B, the number of sequences.
  public var batchSize: Int { layout.batchSize }
}
