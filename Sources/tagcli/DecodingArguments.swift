import ArgumentParser
import Corpora
import Foundation
import Tagger

extension TagDecoder: ExpressibleByArgument {}
extension FeatsEncoding: ExpressibleByArgument {}
extension SpanConstraint: ExpressibleByArgument {}
extension DecodeMethod: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}

/// The tag head options of `tagcli train`: output layer, input feature columns, span constraint,
/// FEATS encoding, lemma decoder epochs and tag smoothing.
struct TagHeadOptions: ParsableArguments {
  @Option(help: "Output layer of the tag head: softmax or crf (a CRF decoded with Viterbi).")
  var decoder: TagDecoder = .softmax

  @Option(
    help: ArgumentHelp(
      "Further input columns embedded beside each word, comma-separated (e.g. pos).",
      discussion:
        "Names or 1-based numbers of columns, or XML attributes; tag and eval input must have them too."
    ))
  var features: String?

  @Option(help: "Embedding size of each --features column.")
  var featureDim = 20

  @Option(
    help:
      "Span constraint stored in the model: bio, iob1, iobes or none (default: detected from the training tags)."
  )
  var constrain: SpanConstraint?

  @Option(
    help:
      "How a feats layer is predicted: bundle (one tag per distinct Key=Value|… bundle) or split (one softmax per feature)."
  )
  var featsAs: FeatsEncoding = .bundle

  @Option(
    help:
      "With a lemma layer: the most epochs of the lemma decoder trained after the tagger (0: suffix rules answer unknown words)."
  )
  var lemmaEpochs: Int?

  @Option(
    help: ArgumentHelp(
      "Label smoothing E of every softmax tag layer's loss (default: the preset's, accurate 0.1 and fast 0; 0: none).",
      discussion:
        "The training target puts 1 - E on the gold tag and spreads E evenly over the layer's tags. A CRF layer (--decoder crf) is trained on the sentence likelihood and has none.",
      valueName: "E"))
  var tagSmoothing: Float?

  /// The layers named with `--features`, parsed once.
  var featureLayers: [LayerSelector] {
    (features ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }.map(LayerSelector.init(parsing:))
  }

  /// Checks ranges.
  func validateValues() throws {
    guard featureDim >= 1 else { throw ValidationError("--feature-dim must be positive") }
    if let lemmaEpochs, lemmaEpochs < 0 {
      throw ValidationError("--lemma-epochs must be 0 or more")
    }
    if features != nil && featureLayers.isEmpty {
      throw ValidationError("--features names no column")
    }
    if let tagSmoothing, !(0..<1).contains(tagSmoothing) {
      throw ValidationError("--tag-smoothing must be in [0, 1); got \(tagSmoothing)")
    }
  }

  /// Checks `--tag-smoothing` against the layers trained: it needs a softmax tag layer, which a
  /// sentence classifier alone and a CRF layer alone do not have.
  func validateSmoothing(softmaxTagLayers: Int) throws {
    guard tagSmoothing != nil, softmaxTagLayers == 0 else { return }
    throw ValidationError(
      "--tag-smoothing smooths the loss of softmax tag layers, and this model has none"
        + (decoder == .crf
          ? " (a CRF layer is trained on the sentence likelihood)"
          : " (a sentence classifier alone; --tag LAYER adds a tag layer)"))
  }

  /// Writes these choices into `options`; `hasSoftmaxTagLayer` says whether the tag smoothing
  /// (`--tag-smoothing`, or the preset's) applies to any layer.
  func apply(to options: inout TrainingOptions, preset: TrainingPreset, hasSoftmaxTagLayer: Bool) {
    options.configuration.tagSmoothing =
      hasSoftmaxTagLayer ? tagSmoothing ?? preset.tagSmoothing : nil
    options.configuration.decoder = decoder
    options.configuration.features =
      featureLayers.isEmpty
      ? nil : featureLayers.map { InputFeature(layer: $0, embeddingSize: featureDim) }
    options.spanConstraint = constrain
    options.lemmaDecoderEpochs = lemmaEpochs
  }
}

/// The decoding options of `tagcli tag` and `tagcli eval`.
struct DecodingOptions: ParsableArguments {
  @Option(help: "Search: greedy, beam:K or viterbi (default: viterbi for CRF models, else greedy).")
  var decode: DecodeMethod?

  @Option(
    help:
      "Span constraint: bio, iob1, iobes or none (default: the model's, detected from its tags).")
  var constrain: SpanConstraint?

  @Option(help: "Temperature of every probability (default: the model's calibrated one, else 1).")
  var temperature: Float?

  @Option(
    help:
      "Beam width of the lemma decoder for words the lemma dictionary does not know (1: greedy).")
  var lemmaBeam: Int?

  func validate() throws {
    if let temperature, !(temperature > 0 && temperature.isFinite) {
      throw ValidationError("--temperature must be a positive number")
    }
    if let lemmaBeam, !(1...64).contains(lemmaBeam) {
      throw ValidationError("--lemma-beam must be between 1 and 64")
    }
  }

  /// The decoding of `model` with these choices.
  ///
  /// - Throws: `SpanConstraintError` naming the tags that do not fit `--constrain`;
  ///   `ValidationError` for `--lemma-beam` with a model that has no lemma decoder, and for
  ///   `--decode` or `--constrain` with a model that has a label head.
  func decoding(for model: TaggerModel) throws -> Decoding {
    // A label model's predictions take each word's most probable tag: nothing to search.
    if model.heads.label != nil,
      let flag = decode.map({ _ in "--decode" }) ?? constrain.map({ _ in "--constrain" })
    {
      throw ValidationError(
        "\(flag) does not apply to this model (it fills \(model.heads.summary)): a model with a"
          + " sentence label takes each word's most probable tag")
    }
    if lemmaBeam != nil && model.lemmaDecoder == nil {
      throw ValidationError(
        "--lemma-beam needs a model with a lemma decoder; this one fills \(model.heads.summary)"
          + (model.lemmaDictionary == nil ? "" : " with dictionary lemmas only"))
    }
    return try model.decoding(
      method: decode, constraint: constrain, temperature: temperature, lemmaBeam: lemmaBeam ?? 1)
  }
}
