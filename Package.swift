// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "regionsim",
  products: [
    .library(name: "RegionModel", targets: ["RegionModel"]),
    .executable(name: "regionsim", targets: ["RegionSim"]),
    .library(name: "regionsim-capture", type: .dynamic, targets: ["RegionSimCapture"]),
  ],
  targets: [
    .target(name: "RegionModel"),
    .executableTarget(name: "RegionSim", dependencies: ["RegionModel"]),
    .testTarget(name: "RegionModelTests", dependencies: ["RegionModel"]),
    // The LD_PRELOAD capture library for QEMU (C). It must need only libc: swiftc, which links
    // every product, adds swiftrt.o, -lswiftCore and an rpath unless told it links for Embedded
    // Swift; the flag changes nothing else here, as the target has no Swift code.
    .target(
      name: "RegionSimCapture",
      path: "Sources/RegionSimCapture",
      linkerSettings: [
        .linkedLibrary("dl", .when(platforms: [.linux])),
        .unsafeFlags(
          ["-enable-experimental-feature", "Embedded"], .when(platforms: [.linux])),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
