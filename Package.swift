// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "SwiftTagger",
  products: [
    .library(name: "Corpora", targets: ["Corpora"]),
    .library(name: "Tagger", targets: ["Tagger"]),
    .executable(name: "tagcli", targets: ["tagcli"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    .target(
      name: "Corpora",
      dependencies: ["CLibXML2"],
      exclude: ["README.md"]),
    .target(
      name: "Tagger",
      dependencies: ["Corpora", "CBLAS"],
      exclude: ["README.md"]),
    .executableTarget(
      name: "tagcli",
      dependencies: [
        "Corpora", "Tagger",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["README.md"]),
    .testTarget(
      name: "CorporaTests",
      dependencies: ["Corpora"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "TaggerTests",
      dependencies: ["Tagger", "Corpora"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "tagcliTests",
      dependencies: ["tagcli", "Tagger", "Corpora"],
      resources: [.copy("Fixtures")]),
  ]
)
