// swift-tools-version:6.0
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which differs between clones.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent.lowercased()

// A separate package so the fuzzing build (libFuzzer + AddressSanitizer) never enters the main
// build. Build and run through Scripts/fuzz.sh; see Fuzz/README.md.
let package = Package(
  name: "Fuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(
      name: "tagfuzz",
      dependencies: [
        .product(name: "Corpora", package: root),
        .product(name: "Tagger", package: root),
      ])
  ]
)
