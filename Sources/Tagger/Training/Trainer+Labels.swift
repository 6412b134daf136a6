extension Trainer {
  /// The label head's mean cross-entropy over the batch's labelled sentences (against its
  /// smoothed targets), times the head's loss weight, and its gradient on the label logits
  /// `[B, K]`.
  ///
  /// Labels outside the label set (none, since the set comes from the training data) and
  /// sentences without a label are left out of the loss.
  func labelLossAndGradient(_ logits: Matrix, sentences: [TaggedSentence]) -> (
    loss: Double, dLogits: Matrix
  ) {
    let model = state.model
    let weight = model.heads.label?.lossWeight ?? 1
    let targets = sentences.map { sentence in
      sentence.label.flatMap { model.labelSet.id(of: $0) } ?? SoftmaxCrossEntropy.ignoredTarget
    }
    var result = SoftmaxCrossEntropy.lossAndGradient(
      logits: logits, targets: targets, smoothing: model.heads.label?.smoothing ?? 0)
    result.dLogits.scale(by: weight)
    return (Double(weight) * result.loss / Double(max(result.count, 1)), result.dLogits)
  }

  /// The dev score that selects the best model when the model has a label head: the label
  /// accuracy (0-100), or the mean of the label and tag accuracies with both heads.
  func devScoreWithLabels() -> Double {
    let predictions = evaluationModel.predictSentencesInBatches(dev.map(\.input))
    var labels = LabelEvaluator()
    var tags = TagEvaluator()
    for (sentence, prediction) in zip(dev, predictions) {
      if let gold = sentence.label {
        labels.add(gold: gold, predicted: prediction.label?.label, words: sentence.words)
      }
      if state.model.heads.tags != nil {
        tags.add(gold: sentence.tags, predicted: prediction.tags.map(\.tag), words: sentence.words)
      }
    }
    let labelAccuracy = labels.scores().accuracy
    guard state.model.heads.tags != nil else { return labelAccuracy }
    return (labelAccuracy + tags.scores.accuracy) / 2
  }
}
