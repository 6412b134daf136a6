import ArgumentParser
import Corpora
import Foundation
import Tagger

extension CorpusFormat: ExpressibleByArgument {}
extension CellKind: ExpressibleByArgument {}
extension TrainingOptions.OptimizerKind: ExpressibleByArgument {}
extension TagOutputFormat: ExpressibleByArgument {}

/// `--tag`, `--pred-tag`: parsed once into the selector that travels to the model file.
extension LayerSelector: ExpressibleByArgument {
  public init?(argument: String) {
    self.init(parsing: argument)
  }

  public var defaultValueDescription: String { description }
}

/// `--tag upos,xpos,feats`: one tag layer or several, parsed once into the selectors that
/// travel to the model file (the first is the model's main layer).
struct TagLayerList: ExpressibleByArgument, Equatable {
  /// The layers, in the order given; never empty, no layer twice.
  let layers: [LayerSelector]

  init?(argument: String) {
    guard let list = try? Self.parse(argument) else { return nil }
    self = list
  }

  private init(layers: [LayerSelector]) {
    self.layers = layers
  }

  /// The list of one layer.
  init(single layer: LayerSelector) {
    self.layers = [layer]
  }

  /// The list `argument` names.
  ///
  /// - Throws: `ValidationError` naming an empty name (`upos,,xpos`) or a layer given twice.
  static func parse(_ argument: String) throws -> TagLayerList {
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.allSatisfy({ !$0.isEmpty }) else {
      throw ValidationError("a layer name is empty")
    }
    let layers = parts.map(LayerSelector.init(parsing:))
    var seen = Set<LayerSelector>()
    for layer in layers where !seen.insert(layer).inserted {
      throw ValidationError("\(layer) is named twice")
    }
    return TagLayerList(layers: layers)
  }

  var defaultValueDescription: String { layers.map(\.description).joined(separator: ",") }
}

/// `eval --scheme`: a chunk scheme, or `none` to turn chunk figures off.
enum ChunkSchemeChoice: ExpressibleByArgument, Equatable {
  case scheme(ChunkScheme)
  case none

  init?(argument: String) {
    if argument == "none" {
      self = .none
    } else if let scheme = ChunkScheme(rawValue: argument) {
      self = .scheme(scheme)
    } else {
      return nil
    }
  }

  static var allValueStrings: [String] { ChunkScheme.allCases.map(\.rawValue) + ["none"] }
}

/// A corpus format that tagcli can write (every format but Alpino): the type of `convert --to`,
/// so that `--help` and the error for a wrong value list only formats that work.
struct WritableFormat: ExpressibleByArgument, Equatable {
  /// The format.
  let format: CorpusFormat

  /// Wraps a writable format.
  init(_ format: CorpusFormat) {
    precondition(format.isWritable, "\(format) cannot be written")
    self.format = format
  }

  init?(argument: String) {
    guard let format = CorpusFormat(rawValue: argument), format.isWritable else { return nil }
    self.format = format
  }

  static var allValueStrings: [String] { CorpusFormat.writableCases.map(\.rawValue) }

  var defaultValueDescription: String { format.rawValue }
}
