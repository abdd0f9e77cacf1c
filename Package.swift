// swift-tools-version: 6.0
// qdot — control firmware for an on-demand quantum-dot entangled-photon-pair source.
// The layout follows ../shared/DESIGN.md section 2: small targets with one job each; the
// firmware knows only the HAL; only Tools/ and the tests put a backend together with it.
import PackageDescription

let package = Package(
    name: "qdot",
    products: [

    ],
    dependencies: [],
    targets: [
        // The hardware contract. Imports nothing.
        .target(name: "HAL", path: "Sources/HAL"),
        .testTarget(name: "HALTests", dependencies: ["HAL"], path: "Tests/HALTests"),
        // libgpiod through pkg-config; Sources/CGPIOD/qdot_gpiod.h hides the 1.6 / 2.x split.
        .systemLibrary(name: "CGPIOD", path: "Sources/CGPIOD", pkgConfig: "libgpiod",
                       providers: [.apt(["libgpiod-dev"])]),
        // The Linux backend: libgpiod lines, CLOCK_MONOTONIC clock, real-time setup.
        .target(name: "LinuxHAL", dependencies: ["HAL", "CGPIOD"], path: "Sources/LinuxHAL"),
        .testTarget(name: "LinuxHALTests", dependencies: ["LinuxHAL", "HAL"], path: "Tests/LinuxHALTests"),
        // Benchmarks (each engineer adds an XBenchmark.swift; main.swift calls them).
        .executableTarget(name: "qdot-bench", dependencies: ["LinuxHAL", "HAL"], path: "Tools/Bench"),
    ]
)

// Strict settings for every target, from one place.
for target in package.targets where target.type != .system && target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.unsafeFlags(["-warnings-as-errors"]))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
