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
        // The TOML subset of qdot's human-written files, with line-accurate errors. Imports nothing.
        .target(name: "ConfigFile", path: "Sources/ConfigFile"),
        .testTarget(name: "ConfigFileTests", dependencies: ["ConfigFile"], path: "Tests/ConfigFileTests"),
        // Board definitions: which chip and line plays which role; the simulated station's file.
        .target(
            name: "Boards", dependencies: ["HAL", "ConfigFile"], path: "Board",
            exclude: ["README.md"],
            resources: [.embedInCode("simulated.board.toml")]),
        .testTarget(name: "BoardsTests", dependencies: ["Boards", "HAL", "ConfigFile"], path: "Tests/BoardsTests"),
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
