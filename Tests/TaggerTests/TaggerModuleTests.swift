import Testing

@testable import Tagger
