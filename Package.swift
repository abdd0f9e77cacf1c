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
        // The source/optics/detector model the simulated board wraps. Pure: no HAL, no Foundation, no I/O.
        .target(name: "Physics", dependencies: [.product(name: "RealModule", package: "swift-numerics")],
                path: "Sources/Physics"),
        .testTarget(name: "PhysicsTests",
                    dependencies: ["Physics", .product(name: "RealModule", package: "swift-numerics")],
                    path: "Tests/PhysicsTests"),
        // Benchmarks, run by hand in release: `swift run -c release qdot-bench`.
        .executableTarget(name: "qdot-bench", dependencies: ["Physics"], path: "Tools/Bench"),
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
