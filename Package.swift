// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "regionsim",
  products: [
    .library(name: "RegionModel", targets: ["RegionModel"]),
    .executable(name: "regionsim", targets: ["RegionSim"]),
  ],
  targets: [
    .target(name: "RegionModel"),
    .executableTarget(name: "RegionSim", dependencies: ["RegionModel"]),
    .testTarget(name: "RegionModelTests", dependencies: ["RegionModel"]),
  ],
  swiftLanguageModes: [.v6]
)
