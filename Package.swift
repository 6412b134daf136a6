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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.25.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
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
      name: "CTaggerKernels",
      exclude: ["README.md"],
      // Optimised in debug builds too: the kernels are intrinsics that only inlining makes fast,
      // and the test suite trains small networks through them.
      cSettings: [.unsafeFlags(["-O2"])]),
    .target(
      name: "Tagger",
      dependencies: ["Corpora", "CBLAS", "CTaggerKernels"],
      exclude: ["README.md"]),
    .target(
      name: "TaggerServer",
      dependencies: [
        "Corpora", "Tagger",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ],
      exclude: ["README.md"]),
    .executableTarget(
      name: "tagcli",
      dependencies: [
        "Corpora", "Tagger", "TaggerServer",
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
      name: "TaggerServerTests",
      dependencies: [
        "TaggerServer", "Tagger", "Corpora",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
      ]),
    .testTarget(
      name: "tagcliTests",
      dependencies: [
        "tagcli", "Tagger", "Corpora", "TaggerServer",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      resources: [.copy("Fixtures")]),
  ]
)
