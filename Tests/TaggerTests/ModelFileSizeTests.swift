import Foundation
import Testing

@testable import Tagger

/// A model header whose sizes are invalid or larger than its weights is refused before anything
/// is allocated (fixtures made from a tiny model by editing its header's configuration).
@Suite struct ModelFileSizeTests {
  @Test(arguments: [
    ("huge-hidden-size.tagger", "weights but the file holds"),
    ("overflowing-word-dim.tagger", "ask for more than"),
    ("negative-layer-count.tagger", "configuration: layer count -1 must be at least 1"),
    ("empty-tag-set.tagger", "the tag set is empty"),
  ])
  func corruptedSizesAreRefused(file: String, message: String) throws {
    let url = try #require(
      Bundle.module.url(forResource: "Fixtures/fuzz/model/\(file)", withExtension: nil))
    let error = try #require(throws: ModelFileError.self) {
      try ModelFile.load(from: url.path)
    }
    #expect(error.description.contains(message), "\(error)")
  }

  @Test func parameterCountMatchesTheNetwork() throws {
    var configuration = TaggerSamples.tinyOptions().configuration
    for (cell, layers, characters) in [("lstm", 1, 5), ("gru", 3, 0), ("rnn", 2, 3)] {
      configuration.cell = cell
      configuration.layerCount = layers
      configuration.characterHiddenSize = characters
      var rng = SplitMix64(seed: 1)
      let network = TaggerNetwork(
        configuration: configuration, wordCount: 11, characterCount: 7, tagCount: 5, using: &rng)
      let stored = network.namedParameters.reduce(0) { $0 + $1.value.storage.count }
      #expect(
        configuration.parameterCount(wordCount: 11, characterCount: 7, tagCount: 5) == stored)
    }
  }

  @Test func overflowGivesNil() {
    var configuration = TaggerConfiguration()
    configuration.hiddenSize = Int.max / 2
    #expect(configuration.parameterCount(wordCount: 10, characterCount: 10, tagCount: 3) == nil)
  }
}
