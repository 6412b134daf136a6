// swift-tools-version:6.0
import PackageDescription

// A separate package so benchmark-only code never enters the main build.
// Run: cd Benchmarks && swift run -c release tagbench [case-prefix…]
let package = Package(
  name: "Benchmarks",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(
      name: "tagbench",
      dependencies: [
        .product(name: "Corpora", package: "main"),
        .product(name: "Tagger", package: "main"),
      ])
  ]
)
