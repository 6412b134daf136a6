// swift-tools-version:6.0
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which differs between clones.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent.lowercased()

// A separate package so benchmark-only code never enters the main build.
// Run: cd Benchmarks && swift run -c release tagbench [case-prefix…]
let package = Package(
  name: "Benchmarks",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(
      name: "tagbench",
      dependencies: [
        .product(name: "Corpora", package: root),
        .product(name: "Tagger", package: root),
      ])
  ]
)
