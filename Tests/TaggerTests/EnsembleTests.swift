import Foundation
import Testing

@testable import Tagger

/// Ensembles (`TaggerModel.ensemble`): what averaging means for each head, the model file's
/// `ensemble` key, and the models that cannot be combined.
@Suite struct EnsembleTests {
  /// Three tiny taggers of the samples, one epoch each, seeds 3, 4 and 5: different weights.
  static func members(decoder: TagDecoder? = nil) throws -> [TaggerModel] {
    try [3, 4, 5].map { seed in
      var options = TaggerSamples.tinyOptions(seed: UInt64(seed))
      options.configuration.decoder = decoder
      return try TaggerSamples.trainedModel(options: options)
    }
  }

  static let sentences = [["the", "cat", "runs", "."], ["dogs", "sleep"], ["unknown", "words"]]

  @Test func softmaxProbabilitiesAreTheMeanOfTheMembers() throws {
    let members = try Self.members()
    let ensemble = try TaggerModel.ensemble(members)
    #expect(ensemble.members.count == 3)
    let all = members[0].tagSet.count
    let predicted = ensemble.predict(Self.sentences, topK: all, temperature: 1)
    let alone = members.map { $0.predict(Self.sentences, topK: all, temperature: 1) }
    #expect(alone[0] != alone[1], "the members differ, so the test can tell a mean from a member")
    for (sentence, words) in predicted.enumerated() {
      for (index, word) in words.enumerated() {
        for alternative in word.alternatives {
          let mean =
            alone.map { member in
              member[sentence][index].alternatives.first { $0.tag == alternative.tag }!.probability
            }.reduce(0, +) / 3
          #expect(abs(alternative.probability - mean) < 1e-5, "\(alternative.tag): \(mean)")
        }
        #expect(word.tag == word.alternatives[0].tag, "no constraint: the most probable tag")
      }
    }
  }

  @Test func aModelWithItselfTagsAsTheModelAlone() throws {
    let model = try Self.members()[0]
    let doubled = try TaggerModel.ensemble([model, model])
    #expect(model.decodingDefaults.temperature != nil, "fitted on dev by training")
    #expect(doubled.decodingDefaults.temperature == nil, "a member's temperature is not the mean's")
    let alone = model.predict(Self.sentences, topK: 3, temperature: 1)
    let twice = doubled.predict(Self.sentences, topK: 3, temperature: 1)
    for (a, b) in zip(alone.joined(), twice.joined()) {
      #expect(a.tag == b.tag)
      #expect(abs(a.probability - b.probability) < 1e-5)
    }
  }

  @Test func aCRFEnsembleDecodesTheMeanOfTheMembersScores() throws {
    let members = try Self.members(decoder: .crf)
    let ensemble = try TaggerModel.ensemble(members)
    let lattices = members.map { $0.network.crf!.lattice() }
    let mean = try #require(ensemble.crfLattice())
    for index in mean.transitions.indices {
      let expected = lattices.map { $0.transitions[index] }.reduce(0, +) / 3
      #expect(abs(mean.transitions[index] - expected) < 1e-9)
    }
    #expect(abs(mean.start[1] - lattices.map { $0.start[1] }.reduce(0, +) / 3) < 1e-9)
    let inputs = Self.sentences.map { TaggerInput(words: $0) }
    let scores = ensemble.sentenceScores(inputs)
    let memberScores = members.map { $0.sentenceScores(inputs) }
    for (sentence, rows) in scores.enumerated() {
      for index in rows.indices {
        let expected = memberScores.map { $0[sentence][index] }.reduce(0, +) / 3
        #expect(abs(rows[index] - expected) < 1e-4)
      }
      let length = rows.count / ensemble.tagSet.count
      #expect(
        ensemble.tags([Self.sentences[sentence]])[0]
          == SequenceDecoding.viterbi(rows, length: length, lattice: mean).map {
            ensemble.tagSet.tags[$0]
          })
    }
  }

  /// The members' label heads differ only in how they were trained (loss weight, smoothing),
  /// which does not change what they predict, so they combine.
  @Test func labelProbabilitiesAreTheMeanOfTheMembers() throws {
    let sentences = SentenceLabelTrainingTests.firstWordTask(count: 30, seed: 2)
    let labelHeads: [ModelHeads.SentenceLabel] = [
      .init(key: "label"), .init(key: "label", lossWeight: 2, smoothing: 0.2),
    ]
    let members = try [1, 2].map { seed -> TaggerModel in
      var options = SentenceLabelTrainingTests.options(epochs: 2)
      options.seed = UInt64(seed)
      var trainer = Trainer(
        training: sentences, dev: sentences, options: options, tagLayer: .name("pos"),
        heads: ModelHeads(tags: nil, label: labelHeads[seed - 1]))
      return try #require(
        try trainer.train(
          onEvent: { _ in }, shouldStop: { false }, saveBest: { _ in }, saveCheckpoint: { _ in }))
    }
    let ensemble = try TaggerModel.ensemble(members)
    let words = sentences.prefix(4).map(\.words)
    let predicted = ensemble.predictSentences(words, topK: 3)
    let alone = members.map { $0.predictSentences(words, topK: 3) }
    for (index, prediction) in predicted.enumerated() {
      let label = try #require(prediction.label)
      for alternative in label.alternatives {
        let mean =
          alone.map { member in
            member[index].label!.alternatives.first { $0.label == alternative.label }!.probability
          }.reduce(0, +) / 2
        #expect(abs(alternative.probability - mean) < 1e-5)
      }
    }
  }

  @Test func anEnsembleSurvivesTheModelFileBitForBit() throws {
    let ensemble = ModelFile.roundedForStorage(try TaggerModel.ensemble(try Self.members()))
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("ensemble.tagger").path
    try ModelFile.save(ensemble, to: path)
    let loaded = try ModelFile.load(from: path)
    #expect(loaded == ensemble)
    #expect(loaded.members.map(\.provenance.seed) == [3, 4, 5])
    #expect(loaded.predict(Self.sentences, topK: 2) == ensemble.predict(Self.sentences, topK: 2))
    let file = try ModelFile.readFile(SafeTensors.self, path: path)
    let names = Set(file.tensors.map(\.name))
    #expect(names.contains("ensemble.2.words.table"))
    #expect(file.tensors.first { $0.name == "ensemble.2.words.table" }?.dtype == .f16)
  }

  @Test func aFileWhoseMembersDisagreeIsRefused() throws {
    var members = try Self.members()
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // A file written by hand: member 2 renamed one tag, so it predicts something else.
    var ensemble = try TaggerModel.ensemble(members)
    members[1].tagSet = TagSet(tags: members[1].tagSet.tags.map { $0 == "VERB" ? "V" : $0 })
    ensemble.ensembleMembers[0] = members[1]
    let path = directory.appendingPathComponent("bad.tagger").path
    try ModelFile.save(ensemble, to: path)
    #expect {
      try ModelFile.load(from: path)
    } throws: { error in
      "\(error)".contains("ensemble: member 2 has other tags")
    }
  }

  /// A sealed model file of `model`'s own parts with `ensemble` set to `members` and extra
  /// tensors, as a hand-edited or hostile file would be.
  static func handMadeFile(
    _ model: TaggerModel, members: [[String: String]], extra: [SafeTensors.Tensor] = []
  ) throws -> [UInt8] {
    var (metadata, tensors) = try ModelFile.modelParts(model, isExact: false)
    tensors += extra
    metadata["format"] = "tagger"
    metadata["formatVersion"] = String(ModelFile.currentVersion)
    metadata[ModelFile.ensembleKey] = try ModelFile.json(members)
    metadata["weightsChecksum"] = SafeTensors.checksum(of: tensors)
    metadata[ModelFile.fileChecksumKey] = ModelFile.checksumPlaceholder
    return ModelFile.sealed(try SafeTensors(metadata: metadata, tensors: tensors).serialized())
  }

  @Test func malformedEnsembleKeysAreRefused() throws {
    let members = try Self.members()
    let (second, secondTensors) = try ModelFile.modelParts(members[1], isExact: false)
    var nested = second
    nested[ModelFile.ensembleKey] = "[]"
    let prefixed = secondTensors.map {
      SafeTensors.Tensor(name: "ensemble.1." + $0.name, matrix: $0.matrix, dtype: $0.dtype)
    }
    let bogus = SafeTensors.Tensor(
      name: "ensemble.1.bogus", matrix: Matrix(rows: 1, columns: 1), dtype: .f32)
    let cases: [([[String: String]], [SafeTensors.Tensor], String)] = [
      ([], [], "\"ensemble\" lists 0 members; expected 1 to 64"),
      ([nested], prefixed, "ensemble member 2 holds an ensemble itself"),
      ([second], [], "weights but the file holds 0"),
      (
        [second], prefixed + [bogus],
        "ensemble member 2 has a tensor it does not use: ensemble.1.bogus"
      ),
    ]
    let directory = try TaggerSamples.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("hand.tagger").path
    try Data(try Self.handMadeFile(members[0], members: [second], extra: prefixed))
      .write(to: URL(fileURLWithPath: path))
    #expect(try ModelFile.load(from: path).members.count == 2, "the well-formed file loads")
    for (descriptions, extra, message) in cases {
      try Data(try Self.handMadeFile(members[0], members: descriptions, extra: extra))
        .write(to: URL(fileURLWithPath: path))
      #expect {
        try ModelFile.load(from: path)
      } throws: { error in
        "\(error)".contains(message)
      }
    }
  }

  @Test func modelsThatPredictDifferentThingsCannotBeCombined() throws {
    let softmax = try Self.members()[0]
    let crf = try Self.members(decoder: .crf)[0]
    #expect(throws: EnsembleMismatch.self) { try TaggerModel.ensemble([softmax, crf]) }
    var otherTags = softmax
    otherTags.tagSet = TagSet(tags: ["A", "B"])
    #expect {
      try TaggerModel.ensemble([softmax, otherTags])
    } throws: { error in
      "\(error)".hasPrefix("member 2 has other tags (A, B) than member 1")
    }
    #expect(throws: EnsembleMismatch.self) { try TaggerModel.ensemble([]) }
    #expect(try TaggerModel.ensemble([softmax]) == softmax)
  }

  @Test func anEnsembleOfEnsemblesCountsItsMembersOneByOne() throws {
    let members = try Self.members()
    let pair = try TaggerModel.ensemble(Array(members.prefix(2)))
    let all = try TaggerModel.ensemble([pair, members[2]])
    #expect(all.members.map(\.provenance.seed) == [3, 4, 5])
    #expect(all.ensembleMembers.allSatisfy { $0.ensembleMembers.isEmpty })
  }
}
