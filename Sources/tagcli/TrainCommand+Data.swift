import ArgumentParser
import Corpora
import Foundation
import Tagger

extension TrainCommand {
  /// Training and dev sentences, with the split reported.
  struct TrainingData {
    var training: [TaggedSentence]
    var dev: [TaggedSentence]
  }

  /// Reads the treebanks and the dev file (or holds out every 10th sentence).
  func loadData() throws -> TrainingData {
    var training: [TaggedSentence] = []
    var skipped: [CorpusError] = []
    for path in treebanks { training += try readTagged(path, skipped: &skipped) }
    var devSentences: [TaggedSentence]
    if let dev {
      devSentences = try readTagged(dev, skipped: &skipped)
      print(
        "train: \(describe(training)) from \(treebanks.joined(separator: ", ")); dev: \(describe(devSentences)) from \(dev)"
      )
    } else {
      let all = training
      training = all.enumerated().filter { $0.offset % 10 != 9 }.map(\.element)
      devSentences = all.enumerated().filter { $0.offset % 10 == 9 }.map(\.element)
      print(
        "no --dev: held out every 10th sentence: train \(describe(training)), dev \(describe(devSentences))"
      )
    }
    reportSkipped(skipped)
    try refuseUnannotatedLayers(training)
    if corpus.label != nil { reportDevOnlyLabels(training: training, dev: devSentences) }
    try checkDevTags(training: training, dev: devSentences)
    guard !training.isEmpty else { throw ValidationError("no training sentences") }
    guard !devSentences.isEmpty else {
      throw ValidationError(
        dev.map { "no dev sentences in \($0)" }
          ?? "no dev sentences: every 10th training sentence is held out without --dev, and"
          + " \(training.count) sentences leave none; give --dev FILE")
    }
    return TrainingData(training: training, dev: devSentences)
  }

  private func describe(_ sentences: [TaggedSentence]) -> String {
    "\(sentences.count) sentences / \(sentences.reduce(0) { $0 + $1.words.count }) tokens"
  }

  /// The non-empty sentences of `path` with the chosen tag layer.
  func readTagged(_ path: String, skipped: inout [CorpusError]) throws -> [TaggedSentence] {
    var sentences: [TaggedSentence] = []
    var untagged: [CorpusError] = []
    skipped += try corpus.readSentences(of: path, options: trainingReaderOptions) { sentence in
      guard !sentence.tokens.isEmpty else { return }
      if heads.tags != nil {
        let columns = try corpus.layers.map { try $0.column(in: sentence, file: path) }
        if let error = try tagLayerError(in: sentence, columns: columns, file: path) {
          guard corpus.skipMalformed else { throw error }
          untagged.append(error)
          return
        }
      }
      var tagged = try trainingSentence(sentence, path: path)
      tagged.features = try TaggerInput.featureColumns(head.featureLayers, in: sentence, file: path)
        .map { sentence.values(ofColumn: $0) }
      sentences.append(tagged)
    }
    skipped += untagged
    return sentences
  }

  /// The first problem with the tag layers `columns` of `sentence`: an empty tag, or a FEATS
  /// layer of CoNLL-U whose value is not `Key=Value|…`.
  func tagLayerError(in sentence: Sentence, columns: [Int], file: String) throws -> CorpusError? {
    for column in columns {
      if let error = sentence.emptyTagError(column: column, file: file) { return error }
      if sentence.columnNames[column] == "feats" {
        do {
          try FeatureBundle.check(sentence, file: file)
        } catch let error as CorpusError {
          return error
        }
      }
    }
    return nil
  }

  /// Refuses a trained tag layer that holds nothing but `_` in the whole training data: the
  /// model would learn one class and tag every word `_`.
  ///
  /// - Throws: `ValidationError` naming the layer and the files.
  func refuseUnannotatedLayers(_ training: [TaggedSentence]) throws {
    guard heads.tags != nil, let first = training.first else { return }
    let layers = heads.outputLayers  // in the order of `allLayerTags`
    for (index, layer) in layers.enumerated() where index < first.allLayerTags.count {
      let annotated = training.contains { sentence in
        sentence.allLayerTags[index].contains { $0 != "_" }
      }
      guard !annotated else { continue }
      let files = treebanks.joined(separator: ", ")
      if layer == Self.lemmaLayerName {
        throw ValidationError(
          "\(files) has no lemmas: the lemma column is _ on every token; --tag lemma needs them")
      }
      throw ValidationError(
        "tag layer \"\(layer)\" is empty (_) on every token of \(files); "
          + "choose annotated layers with --tag")
    }
  }

  /// The largest share of dev tokens whose gold tag training never shows that training accepts
  /// without `--allow-dev-mismatch`: beyond it the files almost surely use different tag sets or
  /// layers, and dev accuracy (hence early stopping and the saved model) would be meaningless.
  static let devMismatchLimit = 0.5

  /// Checks the dev tags against the training tags: warns on standard error about dev tags that
  /// training never shows, with their counts, and refuses to train when their tokens are more
  /// than `devMismatchLimit` of the dev tokens (unless `--allow-dev-mismatch`).
  ///
  /// - Throws: `ValidationError` naming both files, the most frequent unknown tags with their
  ///   counts, and the way out (`--tag`, or the override).
  func checkDevTags(training: [TaggedSentence], dev: [TaggedSentence]) throws {
    let known = Set(training.lazy.flatMap(\.tags))
    var unknown: [String: Int] = [:]
    var devTokens = 0
    for tag in dev.lazy.flatMap(\.tags) {
      devTokens += 1
      if !known.contains(tag) { unknown[tag, default: 0] += 1 }
    }
    guard !unknown.isEmpty else { return }
    let total = unknown.values.reduce(0, +)
    let top = unknown.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(10)
    let listed: String =
      top.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
      + (unknown.count > 10 ? ", …" : "")
    let share = Double(total) / Double(devTokens)
    let percent = String(format: "%.1f", 100 * share)
    if share > Self.devMismatchLimit && !allowDevMismatch {
      let devName: String = self.dev ?? "the held-out sentences"
      let trainNames: String = treebanks.joined(separator: ", ")
      var message = "\(percent) % of the dev tokens (\(total) of \(devTokens)) in \(devName) "
      message += "have tags that the training data \(trainNames) never shows: \(listed); "
      message += "the files seem to use different tag sets or layers. Choose the layer with "
      message += "--tag (now \(corpus.layer)), give a matching --dev, or pass "
      message += "--allow-dev-mismatch to train anyway"
      throw ValidationError(message)
    }
    FileHandle.standardError.write(
      Data(
        ("warning: \(total) of \(devTokens) dev tokens (\(percent) %) have tags that training never "
          + "shows: \(listed); check --dev and --tag\n").utf8))
  }
}
