// swift-tools-version: 6.0
// qdot — control firmware for an on-demand quantum-dot entangled-photon-pair source.
// The layout follows ../shared/DESIGN.md section 2: small targets with one job each; the
// firmware knows only the HAL; only Tools/ and the tests put a backend together with it.
import PackageDescription

let numerics = Target.Dependency.product(name: "RealModule", package: "swift-numerics")
let complexNumbers = Target.Dependency.product(name: "ComplexModule", package: "swift-numerics")

let package = Package(
    name: "qdot",
    products: [
        .executable(name: "qdot", targets: ["qdot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
    ],
    targets: [
        // The hardware contract. Imports nothing.
        .target(name: "HAL", path: "Sources/HAL"),
        .testTarget(name: "HALTests", dependencies: ["HAL"], path: "Tests/HALTests"),

        // The TOML subset of qdot's human-written files, with line-accurate errors. Imports nothing.
        .target(name: "ConfigFile", path: "Sources/ConfigFile"),
        .testTarget(name: "ConfigFileTests", dependencies: ["ConfigFile"], path: "Tests/ConfigFileTests"),

        // Board definitions: which chip and line plays which role; the simulated station's file.
        .target(
            name: "Boards", dependencies: ["HAL", "ConfigFile", "Physics"], path: "Board",
            exclude: ["README.md", "raspberry-pi-4.board.toml", "raspberry-pi-5.board.toml",
                      "beaglebone-black.board.toml", "gpio-sim.board.toml"],
            resources: [.embedInCode("simulated.board.toml"), .embedInCode("simulated.station.toml")]),
        .testTarget(name: "BoardsTests", dependencies: ["Boards", "HAL", "ConfigFile", "Physics"], path: "Tests/BoardsTests"),

        // The one seeded generator (xoshiro256**) every reproducible draw comes from. Imports nothing.
        .target(name: "SeededRandom", path: "Sources/SeededRandom"),
        .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"], path: "Tests/SeededRandomTests"),

        // Pure math on counts and time tags: coincidences, g2, visibilities, CHSH, tomography, BBM92.
        .target(name: "Analysis", dependencies: ["SeededRandom", numerics, complexNumbers], path: "Sources/Analysis"),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "SeededRandom", numerics, complexNumbers],
                    path: "Tests/AnalysisTests"),

        // The source/optics/detector model the simulated board wraps. Pure: no HAL, no Foundation, no I/O.
        .target(name: "Physics", dependencies: ["SeededRandom", numerics], path: "Sources/Physics"),
        .testTarget(name: "PhysicsTests", dependencies: ["Physics", "SeededRandom", numerics], path: "Tests/PhysicsTests"),

        // libgpiod's header (Debian: libgpiod-dev); Sources/CGPIOD/qdot_gpiod.h hides the 1.6 / 2.x
        // split and loads the library at run time (dlopen), so it is deliberately not linked.
        .systemLibrary(name: "CGPIOD", path: "Sources/CGPIOD"),
        // The Linux backend: libgpiod lines, CLOCK_MONOTONIC clock, real-time setup.
        .target(name: "LinuxHAL", dependencies: ["HAL", "CGPIOD"], path: "Sources/LinuxHAL"),
        .testTarget(name: "LinuxHALTests", dependencies: ["LinuxHAL", "HAL"], path: "Tests/LinuxHALTests"),

        // The cycle-accurate simulated board: scheduler, lines, timing profile, device models, trace.
        .target(name: "Simulator", dependencies: ["HAL", "Physics", "SeededRandom", numerics], path: "Sources/Simulator"),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "HAL", "SeededRandom"], path: "Tests/SimulatorTests"),

        // The real-time cycle, schedules, interlock and safe state, the click hand-off to analysis.
        // Knows the HAL, Analysis (its DetectorChannel) and the seeded generator, never a backend.
        .target(name: "Firmware", dependencies: ["HAL", "Analysis", "SeededRandom"], path: "Firmware"),
        .testTarget(name: "FirmwareTests", dependencies: ["Firmware", "Simulator", "HAL", "Analysis", "SeededRandom"],
                    path: "Tests/FirmwareTests"),

        // Composition roots shared by the CLI, the benchmarks and the end-to-end tests: build a
        // station from a board file on a backend, run it, write the results.
        .target(name: "Composition", dependencies: ["HAL", "Boards", "Firmware", "Simulator", "LinuxHAL", "ConfigFile",
                                                   "Analysis", "Physics", complexNumbers],
                path: "Tools/Composition"),
        // The shipped example experiment files (Experiments/*.experiment.toml), embedded for `qdot experiments`.
        .target(name: "ExperimentExamples", path: "Experiments", exclude: ["README.md"],
                resources: [.embedInCode("bell-chsh.experiment.toml"), .embedInCode("tomography-16.experiment.toml"),
                            .embedInCode("tomography-36.experiment.toml"), .embedInCode("bbm92.experiment.toml"),
                            .embedInCode("g2.experiment.toml"), .embedInCode("gate-delay-scan.experiment.toml")]),
        .executableTarget(
            name: "qdot",
            dependencies: ["Composition", "Boards", "Firmware", "HAL", "Simulator", "LinuxHAL", "ExperimentExamples",
                           "ConfigFile", "Physics",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/qdot"),
        // Benchmarks (release build): `swift run -c release qdot-bench [simulator|physics|analysis]`.
        .executableTarget(name: "qdot-bench", dependencies: ["Analysis", "Physics", "SeededRandom", "Composition", "Boards", "Firmware",
                                                            "ExperimentExamples",
                                                            "Simulator", "LinuxHAL", "HAL",
                                                            .product(name: "MallocInterposerSwift", package: "malloc-interposer")],
                          path: "Tools/Bench"),
        .testTarget(name: "CompositionTests", dependencies: ["Composition", "ExperimentExamples", "Boards", "Firmware",
                                                            "Simulator", "HAL", "Analysis", "ConfigFile", "SeededRandom"],
                    path: "Tests/CompositionTests"),
        // The firmware on the simulated board with the physics station: the issue-4 figures.
        .testTarget(name: "PhysicsStationTests",
                    dependencies: ["Composition", "Boards", "Firmware", "Simulator", "Physics", "HAL"],
                    path: "Tests/PhysicsStationTests"),
        // Issue 5 end to end: the shipped experiments on the physics station vs the closed forms.
        .testTarget(name: "PhysicsEndToEndTests",
                    dependencies: ["Composition", "ExperimentExamples", "Boards", "Physics", "Analysis", numerics],
                    path: "Tests/PhysicsEndToEndTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["Composition", "Boards", "Firmware", "Simulator", "LinuxHAL", "HAL"],
                    path: "Tests/EndToEndTests"),
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

// The real-time loop and the simulator's event loop touch class storage on every event; dynamic
// exclusivity checks cost about half of their time (and showed in the physics model and the
// experiment pipeline too). Release builds trust the static checks (and the debug test runs,
// which keep the dynamic ones).
for target in package.targets where ["Firmware", "Simulator", "Physics", "Composition"].contains(target.name) {
    target.swiftSettings?.append(.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)))
}
