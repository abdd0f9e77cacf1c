// swift-tools-version: 6.0
// qdot — control firmware for an on-demand quantum-dot entangled-photon-pair source.
// The layout follows ../shared/DESIGN.md section 2: small targets with one job each; the
// firmware knows only the HAL; only Tools/ and the tests put a backend together with it.
import PackageDescription

let package = Package(
    name: "qdot",
    products: [

    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // The hardware contract. Imports nothing.
        .target(name: "HAL", path: "Sources/HAL"),
        .testTarget(name: "HALTests", dependencies: ["HAL"], path: "Tests/HALTests"),

        // The cycle-accurate simulated board: scheduler, lines, timing profile, device models, trace.
        .target(name: "Simulator", dependencies: ["HAL", .product(name: "RealModule", package: "swift-numerics")],
                path: "Sources/Simulator"),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "HAL"], path: "Tests/SimulatorTests"),

        // The real-time cycle, schedules, interlock and safe state. Knows only the HAL.
        .target(name: "Firmware", dependencies: ["HAL"], path: "Firmware"),
        .testTarget(name: "FirmwareTests", dependencies: ["Firmware", "Simulator", "HAL"], path: "Tests/FirmwareTests"),
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
