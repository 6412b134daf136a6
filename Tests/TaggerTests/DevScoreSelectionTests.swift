import Testing

@testable import Tagger

/// The dev score that picks the best model: span F1 when the tags are chunk labels, token
/// accuracy otherwise; each epoch's log entry carries both figures.
@Suite struct DevScoreSelectionTests {
  /// Noun and verb phrases in IOB2; the dev set holds words and chunk shapes the training set
  /// does not, so that a tiny network's token accuracy and span F1 rank its epochs differently.
  static let training: [TaggedSentence] = [
    TaggedSentence(words: ["the", "old", "dog", "runs"], tags: ["B-NP", "I-NP", "I-NP", "B-VP"]),
    TaggedSentence(words: ["a", "cat", "sleeps", "."], tags: ["B-NP", "I-NP", "B-VP", "O"]),
    TaggedSentence(
      words: ["dogs", "can", "run", "fast"], tags: ["B-NP", "B-VP", "I-VP", "O"]),
    TaggedSentence(
      words: ["the", "cat", "has", "slept", "."], tags: ["B-NP", "I-NP", "B-VP", "I-VP", "O"]),
    TaggedSentence(words: ["run", "!"], tags: ["B-VP", "O"]),
  ]
  static let dev: [TaggedSentence] = [
    TaggedSentence(
      words: ["the", "big", "old", "cat", "will", "run", "."],
      tags: ["B-NP", "I-NP", "I-NP", "I-NP", "B-VP", "I-VP", "O"]),
    TaggedSentence(words: ["a", "dog", "has", "run"], tags: ["B-NP", "I-NP", "B-VP", "I-VP"]),
    TaggedSentence(words: ["cats", "sleep", "fast", "!"], tags: ["B-NP", "B-VP", "O", "O"]),
  ]

  /// Trains for `epochs` epochs and returns each epoch's log entry with its "best" flag, and the
  /// best score the trainer kept.
  static func run(training: [TaggedSentence], dev: [TaggedSentence], epochs: Int, seed: UInt64)
    throws -> (epochs: [(entry: TrainingLogEntry, isBest: Bool)], best: Double)
  {
    var options = TaggerSamples.tinyOptions(seed: seed)
    options.maxEpochs = epochs
    options.learningRate = 0.02
    var trainer = Trainer(training: training, dev: dev, options: options, tagLayer: .name("upos"))
    var finished: [(entry: TrainingLogEntry, isBest: Bool)] = []
    _ = try trainer.train(
      onEvent: {
        if case .epochFinished(let entry, let isBest) = $0 { finished.append((entry, isBest)) }
      }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
    return (finished, trainer.state.bestDevAccuracy)
  }

  /// Whether each epoch was marked best exactly when `score` beat every earlier epoch's (and
  /// `start`, the best score before the first).
  static func flagsFollow(
    _ epochs: [(entry: TrainingLogEntry, isBest: Bool)], from start: Double = -.infinity,
    _ score: (TrainingLogEntry) -> Double
  ) -> Bool {
    var best = start
    return epochs.allSatisfy { epoch in
      defer { best = max(best, score(epoch.entry)) }
      return epoch.isBest == (score(epoch.entry) > best)
    }
  }

  @Test func chunkTagsAreSelectedBySpanF1() throws {
    let (epochs, best) = try Self.run(
      training: Self.training, dev: Self.dev, epochs: 12, seed: 5)
    #expect(epochs.count == 12)
    let spans = epochs.compactMap(\.entry.devSpanF1)
    #expect(spans.count == epochs.count, "every epoch has a span F1")
    #expect(best == spans.max())
    #expect(Self.flagsFollow(epochs) { $0.devSpanF1 ?? -1 })
    // The two figures rank the epochs differently here, so selecting by accuracy would fail.
    #expect(!Self.flagsFollow(epochs, \.devAccuracy), "\(epochs.map(\.entry))")
  }

  /// A checkpoint written before span F1 was logged holds a token accuracy as its best score:
  /// the resumed run goes on selecting on accuracy. A current checkpoint goes on with span F1.
  @Test func aResumedRunKeepsItsCheckpointsMeasure() throws {
    var options = TaggerSamples.tinyOptions(seed: 5)
    options.maxEpochs = 4
    options.learningRate = 0.02
    var first = Trainer(
      training: Self.training, dev: Self.dev, options: options, tagLayer: .name("upos"))
    _ = try first.train(
      onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
    var current = first.state
    current.options.maxEpochs = 12
    var older = current
    older.model.provenance.log = older.model.provenance.log.map { entry in
      var entry = entry
      entry.devSpanF1 = nil
      return entry
    }
    older.bestDevAccuracy = try #require(older.model.provenance.log.map(\.devAccuracy).max())

    func resume(_ state: TrainingState) throws -> [(entry: TrainingLogEntry, isBest: Bool)] {
      var trainer = try Trainer(resuming: state, training: Self.training, dev: Self.dev)
      var finished: [(entry: TrainingLogEntry, isBest: Bool)] = []
      _ = try trainer.train(
        onEvent: {
          if case .epochFinished(let entry, let isBest) = $0 { finished.append((entry, isBest)) }
        }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in })
      return finished
    }
    let fromOlder = try resume(older)
    #expect(fromOlder.count == 8)
    #expect(fromOlder.allSatisfy { $0.entry.devSpanF1 != nil }, "span F1 is still logged")
    #expect(Self.flagsFollow(fromOlder, from: older.bestDevAccuracy, \.devAccuracy))
    #expect(!Self.flagsFollow(fromOlder, from: older.bestDevAccuracy) { $0.devSpanF1 ?? -1 })
    let fromCurrent = try resume(current)
    #expect(Self.flagsFollow(fromCurrent, from: current.bestDevAccuracy) { $0.devSpanF1 ?? -1 })
  }

  @Test func otherTagsAreSelectedByAccuracy() throws {
    let (epochs, best) = try Self.run(
      training: TaggerSamples.sentences, dev: TaggerSamples.sentences, epochs: 6, seed: 5)
    #expect(epochs.allSatisfy { $0.entry.devSpanF1 == nil })
    #expect(best == epochs.map(\.entry.devAccuracy).max())
    #expect(Self.flagsFollow(epochs, \.devAccuracy))
  }
}
