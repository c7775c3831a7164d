// swift-tools-version: 6.1
import PackageDescription

/// Compiler hygiene shared by every target (see ../shared/spec/style.md, point 8).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "RoleLayer",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RoleLayerCore", targets: ["RoleLayerCore"]),
        .library(name: "RoleLayerIO", targets: ["RoleLayerIO"]),
        .library(name: "RoleLayerStore", targets: ["RoleLayerStore"]),
        .library(name: "RoleLayerSimulation", targets: ["RoleLayerSimulation"]),
        .library(name: "RoleLayerReport", targets: ["RoleLayerReport"]),
        .executable(name: "rolelayer", targets: ["rolelayer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The domain, the statistics kernels and the constructs. No I/O package.
        .target(name: "RoleLayerCore", swiftSettings: strictSettings),
        // Readers (canonical CSV, JSON Lines) and the instrument file loader.
        .target(
            name: "RoleLayerIO",
            dependencies: ["RoleLayerCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings),
        // SQLite store through GRDB.
        .target(
            name: "RoleLayerStore",
            dependencies: [
                "RoleLayerCore", .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for binding import rows without per-value allocation.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings),
        // Seeded generator of fieldwork panels with planted effects (the core only).
        .target(name: "RoleLayerSimulation", dependencies: ["RoleLayerCore"], swiftSettings: strictSettings),
        // The self-contained HTML report: Mustache page shell, the project's own SVG charts.
        .target(
            name: "RoleLayerReport",
            dependencies: ["RoleLayerCore", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strictSettings),
        // Reads statistic fixtures as JSON and writes RoleLayer's values, for tools/crosscheck.
        .executableTarget(name: "rolelayer-crosscheck", dependencies: ["RoleLayerCore"], swiftSettings: strictSettings),
        // The command-line tool.
        .executableTarget(
            name: "rolelayer",
            dependencies: [
                "RoleLayerCore", "RoleLayerIO", "RoleLayerStore", "RoleLayerSimulation", "RoleLayerReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings),
        // Speed and memory at 10k-1M respondents, side by side with the Python reference (BENCHMARKS.md).
        .executableTarget(
            name: "rolelayer-bench",
            dependencies: [
                "RoleLayerCore", "RoleLayerIO", "RoleLayerStore", "RoleLayerSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RoleLayerCoreTests",
            dependencies: ["RoleLayerCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RoleLayerIOTests",
            dependencies: ["RoleLayerIO", "RoleLayerCore"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RoleLayerStoreTests",
            dependencies: ["RoleLayerStore", "RoleLayerIO", "RoleLayerCore"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RoleLayerSimulationTests",
            dependencies: ["RoleLayerSimulation", "RoleLayerIO", "RoleLayerCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings),
        // The benchmark's point-estimate comparison and size parsing (no timings).
        .testTarget(
            name: "RoleLayerBenchTests",
            dependencies: ["rolelayer-bench", "RoleLayerCore", "RoleLayerSimulation"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RoleLayerReportTests",
            dependencies: ["RoleLayerReport", "RoleLayerCore", "RoleLayerSimulation"],
            swiftSettings: strictSettings),
        // End-to-end tests that run the built `rolelayer` binary.
        .testTarget(
            name: "RoleLayerCLITests",
            dependencies: ["rolelayer", "RoleLayerIO", "RoleLayerStore", "RoleLayerCore"],
            swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
