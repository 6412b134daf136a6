import Corpora

/// A further input column embedded beside each word (`--features pos`): its values get an
/// embedding of their own that is concatenated to the word and character vectors.
public struct InputFeature: Sendable, Equatable, Codable {
  /// The layer as the user named it: a column name, an XML attribute or a 1-based column number
  /// (saved as that string).
  public var layer: LayerSelector
  /// The size of the value embedding.
  public var embeddingSize: Int

  /// Creates a feature description.
  public init(layer: LayerSelector, embeddingSize: Int) {
    self.layer = layer
    self.embeddingSize = embeddingSize
  }
}
