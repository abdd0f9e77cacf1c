// swift-tools-version: 6.1
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
        // The readers the fuzz harnesses (Tools/fuzz, a package of its own) drive.
        .library(name: "ConfigFile", targets: ["ConfigFile"]),
        .library(name: "Boards", targets: ["Boards"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "Records", targets: ["Records"]),
        .library(name: "LinkProtocol", targets: ["LinkProtocol"]),
        .library(name: "KeyDistillation", targets: ["KeyDistillation"]),
    ],
    // `qdot serve` and its server packages (SwiftNIO, Hummingbird) are on by default; a build
    // that needs no service (the gpio-sim and soak lanes' release binary, the AddressSanitizer
    // lane) passes --disable-default-traits and compiles none of them.
    traits: [
        .trait(name: "Service", description: "qdot serve: the HTTP API, live stream, dashboard and metrics (Hummingbird 2)"),
        // The key delivery server's mutual TLS (swift-nio-ssl: BoringSSL's C sources; docs/key-delivery.md
        // has the measured build cost). Implies Service.
        .trait(name: "KeyDeliveryTLS", description: "ETSI GS QKD 014 key delivery over mutual TLS (HummingbirdTLS, NIOSSL)",
               enabledTraits: ["Service"]),
        .default(enabledTraits: ["Service"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
        // `qdot serve`'s HTTP server (SwiftNIO underneath); only the Service target links it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own event loops; the router tests use its embedded channel.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        // Hummingbird's own service runner: `qdot serve` shuts the server down gracefully through it.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // TLS for the key delivery server (already in the graph through hummingbird); only KeyDeliveryTLS links it.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.2"),
    ],
    targets: [
        // The hardware contract. Imports nothing.
        .target(name: "HAL", path: "Sources/HAL"),
        // The words every layer shares: detector channels and pairs, analyzer bases and their
        // names, basis codes, a setting's counts and the one coincidence rule. Imports nothing.
        .target(name: "Vocabulary", path: "Sources/Vocabulary"),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"], path: "Tests/VocabularyTests"),
        .testTarget(name: "HALTests", dependencies: ["HAL"], path: "Tests/HALTests"),

        // The TOML subset of qdot's human-written files, with line-accurate errors. Imports nothing.
        .target(name: "ConfigFile", path: "Sources/ConfigFile"),
        .testTarget(name: "ConfigFileTests", dependencies: ["ConfigFile"], path: "Tests/ConfigFileTests"),

        // Board definitions: which chip and line plays which role; the simulated station's file.
        .target(
            name: "Boards", dependencies: ["HAL", "ConfigFile", "Vocabulary", "Physics"], path: "Board",
            exclude: ["README.md", "raspberry-pi-4.board.toml", "raspberry-pi-5.board.toml",
                      "beaglebone-black.board.toml", "gpio-sim.board.toml"],
            resources: [.embedInCode("simulated.board.toml"), .embedInCode("simulated-raspberry-pi-4.board.toml"),
                        .embedInCode("simulated.station.toml"),
                        .embedInCode("profiles/raspberry-pi-4.profile.toml"), .embedInCode("profiles/raspberry-pi-5.profile.toml"),
                        .embedInCode("profiles/beaglebone-black.profile.toml")]),
        .testTarget(name: "BoardsTests", dependencies: ["Boards", "HAL", "ConfigFile", "Vocabulary", "Physics"], path: "Tests/BoardsTests"),

        // The one seeded generator (xoshiro256**) every reproducible draw comes from. Imports nothing.
        .target(name: "SeededRandom", path: "Sources/SeededRandom"),
        .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"], path: "Tests/SeededRandomTests"),

        // Pure math on counts and time tags: coincidences, g2, visibilities, CHSH, tomography, BBM92.
        .target(name: "Analysis", dependencies: ["Vocabulary", "SeededRandom", numerics, complexNumbers], path: "Sources/Analysis"),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Vocabulary", "SeededRandom", numerics, complexNumbers],
                    path: "Tests/AnalysisTests"),

        // QKD post-processing of one key block (DESIGN.md section 11): sifting, parameter estimation,
        // Cascade, verification, Toeplitz privacy amplification, finite-key length; both roles of
        // each two-party step as value-type messages with their bytes. Pure: no Foundation, no I/O.
        .target(name: "KeyDistillation", dependencies: ["SeededRandom", "Analysis", "CCarrylessMultiply", numerics], path: "Sources/KeyDistillation"),
        .testTarget(name: "KeyDistillationTests", dependencies: ["KeyDistillation", "SeededRandom", "Analysis"], path: "Tests/KeyDistillationTests"),
        // The carry-less (GF(2)) word product under the Toeplitz hash: PCLMULQDQ where the CPU has
        // it (Swift cannot call the intrinsic, a C macro), a portable loop elsewhere. Imports nothing.
        .target(name: "CCarrylessMultiply", path: "Sources/CCarrylessMultiply"),
        // CRC-32C by the processor's instruction (SSE4.2 on x86-64, the CRC extension on 64-bit ARM
        // Linux) for Records' block checks, where present at run time; Records keeps its table loop
        // for the rest. Imports nothing.
        .target(name: "CCRC32C", path: "Sources/CCRC32C"),
        // A double's conversion to Int64 without Swift's three range checks, for Physics's delays
        // in picoseconds (bounded first by their caller). One inline function. Imports nothing.
        .target(name: "CFloatToInteger", path: "Sources/CFloatToInteger"),

        // The source/optics/detector model the simulated board wraps. Pure: no HAL, no Foundation, no I/O.
        .target(name: "Physics", dependencies: ["Vocabulary", "SeededRandom", "CFloatToInteger", numerics], path: "Sources/Physics"),
        .testTarget(name: "PhysicsTests", dependencies: ["Physics", "Vocabulary", "SeededRandom", numerics], path: "Tests/PhysicsTests"),
        // The two-node world (Physics/Link) and cycle alignment (Analysis) together: alignment finds the world's truth.
        .testTarget(name: "LinkWorldTests", dependencies: ["Physics", "Analysis", "KeyDistillation", "Vocabulary", "SeededRandom"],
                    path: "Tests/LinkWorldTests"),

        // The classical channel between two QKD nodes: versioned, size-bounded frames with Wegman–Carter
        // authentication from a pre-shared key pool (DESIGN.md section 11). Imports nothing.
        .target(name: "LinkProtocol", path: "Sources/LinkProtocol"),
        .testTarget(name: "LinkProtocolTests", dependencies: ["LinkProtocol", "SeededRandom"], path: "Tests/LinkProtocolTests"),
        // The node's final keys for applications: crash-safe on disk, each delivered once per side
        // through ETSI GS QKD 014's request logic and wire types (no HTTP); beside them, the saved
        // link session (LinkSessionStateFile), which must stay consistent with them. Foundation and LinkProtocol.
        .target(name: "KeyStore", dependencies: ["LinkProtocol"], path: "Sources/KeyStore"),
        .testTarget(name: "KeyStoreTests", dependencies: ["KeyStore", "LinkProtocol", "SeededRandom"], path: "Tests/KeyStoreTests"),
        // The node-to-node TCP transport carrying LinkSession frames (docs/link-transport.md): Bob
        // listens, Alice connects and reconnects; cumulative acknowledgements and resend, a bounded
        // send queue, idle timeout. SwiftNIO (built whatever the traits: a node always needs its link).
        .target(name: "LinkTransport", dependencies: ["LinkProtocol",
                                                     .product(name: "NIOCore", package: "swift-nio"),
                                                     .product(name: "NIOPosix", package: "swift-nio")],
                path: "Sources/LinkTransport"),
        .testTarget(name: "LinkTransportTests", dependencies: ["LinkTransport", "LinkProtocol", "SeededRandom",
                                                              .product(name: "NIOCore", package: "swift-nio"),
                                                              .product(name: "NIOPosix", package: "swift-nio"),
                                                              .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
                    path: "Tests/LinkTransportTests"),
        // One key block between the two nodes: Alice's and Bob's roles as state machines over LinkSession
        // messages, driving the distillation steps, and the two-phase commit into both key stores
        // (docs/link-exchange.md). No networking: the transport carries the frames.
        .target(name: "KeyExchange", dependencies: ["KeyDistillation", "LinkProtocol", "KeyStore"], path: "Sources/KeyExchange"),
        .testTarget(name: "KeyExchangeTests", dependencies: ["KeyExchange", "KeyDistillation", "LinkProtocol", "KeyStore", "SeededRandom"],
                    path: "Tests/KeyExchangeTests"),

        // libgpiod's header (Debian: libgpiod-dev); Sources/CGPIOD/qdot_gpiod.h hides the 1.6 / 2.x
        // split and loads the library at run time (dlopen), so it is deliberately not linked.
        .systemLibrary(name: "CGPIOD", path: "Sources/CGPIOD"),
        // The Linux backend: libgpiod lines, CLOCK_MONOTONIC clock, real-time setup.
        .target(name: "LinuxHAL", dependencies: ["HAL", "CGPIOD"], path: "Sources/LinuxHAL"),
        .testTarget(name: "LinuxHALTests", dependencies: ["LinuxHAL", "HAL", "CGPIOD"], path: "Tests/LinuxHALTests"),

        // The cycle-accurate simulated board: scheduler, lines, timing profile, device models, trace.
        .target(name: "Simulator", dependencies: ["HAL", "Vocabulary", "Physics", "SeededRandom", numerics], path: "Sources/Simulator"),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "HAL", "Vocabulary", "SeededRandom", "Boards"], path: "Tests/SimulatorTests"),

        // The real-time cycle, schedules, interlock and safe state, the click hand-off to analysis.
        // Knows the HAL, the shared vocabulary and the seeded generator, never a backend.
        .target(name: "Firmware", dependencies: ["HAL", "Vocabulary", "SeededRandom"], path: "Firmware"),
        .testTarget(name: "FirmwareTests", dependencies: ["Firmware", "Simulator", "HAL", "Vocabulary", "SeededRandom", "Boards"],
                    path: "Tests/FirmwareTests"),

        // Measures a board's timing profile through the HAL (`qdot profile --loopback`): a loopback
        // wire from the trigger to a spare input, the fits, the profile file. Knows no backend.
        .target(name: "TimingMeasurement", dependencies: ["HAL", "Firmware", numerics], path: "Sources/TimingMeasurement"),

        // The experiment domain: each kind (Bell/CHSH, tomography, BBM92, g2, gate-delay scan) as one
        // type owning its file section, its settings by name, its schedule and its analysis; the
        // counts of a run and the figures they certify; the shipped example files, embedded.
        .target(name: "Experiments", dependencies: ["Vocabulary", "HAL", "Firmware", "ConfigFile", "Analysis"],
                path: "Experiments", exclude: ["README.md"],
                resources: [.embedInCode("bell-chsh.experiment.toml"), .embedInCode("tomography-16.experiment.toml"),
                            .embedInCode("tomography-36.experiment.toml"), .embedInCode("bbm92.experiment.toml"),
                            .embedInCode("g2.experiment.toml"), .embedInCode("gate-delay-scan.experiment.toml"),
                            .embedInCode("raspberry-pi-bell-chsh.experiment.toml"),
                            .embedInCode("raspberry-pi-bbm92.experiment.toml")]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Vocabulary", "HAL", "Firmware", "ConfigFile", "Analysis", "SeededRandom"],
                    path: "Tests/ExperimentsTests"),

        // Every file qdot writes and reads back: run records (format, writer, strict and salvage
        // readers, their analysis) and result documents, each through a versioned schema type
        // (Schema/*V1) with golden files in Tests/RecordsTests/Golden.
        .target(name: "Records", dependencies: ["Vocabulary", "HAL", "Firmware", "Analysis", "Experiments", "Boards", "CCRC32C"],
                path: "Sources/Records"),
        .testTarget(name: "RecordsTests", dependencies: ["Records", "Experiments", "Vocabulary", "HAL", "Firmware", "Boards", "SeededRandom"],
                    path: "Tests/RecordsTests", resources: [.copy("Golden")]),

        // What people read: the terminal summaries, the live progress line, the SVG figures.
        .target(name: "Reports", dependencies: ["Vocabulary", "Firmware", "Experiments", "Records"], path: "Sources/Reports"),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments", "Analysis", "Records", "Firmware", "Vocabulary"],
                    path: "Tests/ReportsTests"),

        // Composition roots shared by the CLI, the benchmarks and the end-to-end tests: build a
        // station from a board file on a backend, run it, write the results.
        .target(name: "Composition", dependencies: ["HAL", "Vocabulary", "Boards", "Experiments", "Records", "Reports", "Firmware", "Simulator", "LinuxHAL", "ConfigFile", "SeededRandom",
                                                   "Analysis", "Physics", "TimingMeasurement", complexNumbers],
                path: "Tools/Composition"),
        // `qdot serve`: the board as a service — run supervisor, HTTP API, live stream, metrics,
        // the dashboard's files (docs/service.md). The only target that knows the server packages.
        .target(name: "Service", dependencies: ["Composition", "Experiments", "Records", "Reports", "Boards", "Firmware", "HAL",
                                               "Vocabulary", "ConfigFile", "Analysis", "LinuxHAL",
                                               .product(name: "Hummingbird", package: "hummingbird"),
                                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
                path: "Tools/Service",
                // The dashboard page, served from the binary itself (no files to install, no CDN).
                resources: [.embedInCode("Dashboard/index.html"), .embedInCode("Dashboard/dashboard.js"),
                            .embedInCode("Dashboard/dashboard.css")]),
        // Its sources are `#if Service`: without the trait the target builds empty.
        .testTarget(name: "ServiceTests", dependencies: [.target(name: "Service", condition: .when(traits: ["Service"])),
                                                        "Composition", "Experiments", "Records", "Boards", "Firmware", "HAL",
                                                        "Vocabulary", "ConfigFile",
                                                        .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Service"])),
                                                        .product(name: "NIOEmbedded", package: "swift-nio", condition: .when(traits: ["Service"]))],
                    path: "Tests/ServiceTests"),
        // ETSI GS QKD 014's REST interface (docs/key-delivery.md) over KeyStore's request logic: the
        // routes, the caller's SAE identity (never a header), the standard error bodies. Its sources
        // are `#if Service` like Service's: without the trait no server package is compiled.
        .target(name: "KeyDeliveryServer", dependencies: ["KeyStore",
                                                         .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Service"])),
                                                         .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Service"]))],
                path: "Tools/KeyDeliveryServer"),
        .testTarget(name: "KeyDeliveryServerTests", dependencies: [.target(name: "KeyDeliveryServer", condition: .when(traits: ["Service"])),
                                                                  "KeyStore", "SeededRandom",
                                                                  .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Service"])),
                                                                  .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Service"])),
                                                                  .product(name: "NIOEmbedded", package: "swift-nio", condition: .when(traits: ["Service"]))],
                    path: "Tests/KeyDeliveryServerTests"),
        // The key delivery server's mutual TLS: the server configuration from the lab's PEM files and
        // the SAE id from the verified client certificate. Its sources are `#if KeyDeliveryTLS`.
        .target(name: "KeyDeliveryTLS", dependencies: [.target(name: "KeyDeliveryServer", condition: .when(traits: ["KeyDeliveryTLS"])),
                                                      .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["KeyDeliveryTLS"])),
                                                      .product(name: "HummingbirdTLS", package: "hummingbird", condition: .when(traits: ["KeyDeliveryTLS"])),
                                                      .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["KeyDeliveryTLS"])),
                                                      .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["KeyDeliveryTLS"]))],
                path: "Tools/KeyDeliveryTLS"),
        // Starts the server on 127.0.0.1 and calls it with curl; certificates made by openssl at test time.
        .testTarget(name: "KeyDeliveryTLSTests", dependencies: [.target(name: "KeyDeliveryTLS", condition: .when(traits: ["KeyDeliveryTLS"])),
                                                               .target(name: "KeyDeliveryServer", condition: .when(traits: ["KeyDeliveryTLS"])),
                                                               "KeyStore",
                                                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle",
                                                                        condition: .when(traits: ["KeyDeliveryTLS"]))],
                    path: "Tests/KeyDeliveryTLSTests"),
        // One QKD node (`qdot link`, docs/link-node.md): the node file, the simulated one-arm board in the
        // shared world, cycle alignment with the peer, the block driver over the transport into the
        // key store, and the key delivery server (with the Service trait; mutual TLS with KeyDeliveryTLS).
        .target(name: "LinkNode", dependencies: ["Physics", "Analysis", "KeyDistillation", "KeyExchange", "LinkProtocol", "LinkTransport",
                                                "KeyStore", "ConfigFile", "Boards", "Vocabulary", "SeededRandom",
                                                .target(name: "KeyDeliveryServer", condition: .when(traits: ["Service"])),
                                                .target(name: "KeyDeliveryTLS", condition: .when(traits: ["KeyDeliveryTLS"])),
                                                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Service"])),
                                                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: .when(traits: ["Service"]))],
                path: "Tools/LinkNode"),
        .testTarget(name: "LinkNodeTests", dependencies: ["LinkNode", "Physics", "KeyDistillation", "KeyStore", "LinkProtocol", "SeededRandom"],
                    path: "Tests/LinkNodeTests"),
        // The SIGINT/SIGTERM latch qdot installs before anything else runs (C: a sigaction handler
        // must be async-signal-safe). Only the qdot executable links it. Imports nothing.
        .target(name: "CStopSignals", path: "Sources/CStopSignals"),
        .executableTarget(
            name: "qdot",
            dependencies: ["Composition", .target(name: "Service", condition: .when(traits: ["Service"])), "CStopSignals", "Boards", "Firmware", "HAL", "Simulator", "LinuxHAL", "Experiments", "Records", "Reports",
                           "ConfigFile", "Physics", "Vocabulary", "TimingMeasurement", "LinkNode",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/qdot"),
        // Benchmarks (release build): `swift run -c release qdot-bench [SECTION]`; `qdot-bench --help` lists the sections.
        .executableTarget(name: "qdot-bench", dependencies: ["Vocabulary", "Analysis", "Physics", "Records", "Reports", "SeededRandom", "Composition", "Boards", "Firmware",
                                                            "Experiments", "ConfigFile",
                                                            "Simulator", "LinuxHAL", "HAL", "CPTUBaseline", "CCoincidenceBaseline", "KeyDistillation",
                                                            .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
                                                            .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Tools/Bench", exclude: ["CBaseline", "CCoincidenceBaseline"]),
        // The plain C loop `qdot-bench ptu` measures the PTU decoder against.
        .target(name: "CPTUBaseline", path: "Tools/Bench/CBaseline"),
        // The plain C two-pointer loops `qdot-bench analysis` measures the coincidence counters against.
        .target(name: "CCoincidenceBaseline", path: "Tools/Bench/CCoincidenceBaseline"),
        .testTarget(name: "CompositionTests", dependencies: ["Composition", "Experiments", "Records", "Reports", "Boards", "Firmware",
                                                            "Simulator", "HAL", "Vocabulary", "Analysis", "ConfigFile", "SeededRandom"],
                    path: "Tests/CompositionTests"),
        // The loopback measurement on the simulated board: the measured profile recovers the simulated one.
        .testTarget(name: "TimingMeasurementTests",
                    dependencies: ["TimingMeasurement", "Composition", "Boards", "Firmware", "Simulator", "HAL"],
                    path: "Tests/TimingMeasurementTests"),
        // The firmware on the simulated board with the physics station: the issue-4 figures.
        .testTarget(name: "PhysicsStationTests",
                    dependencies: ["Composition", "Boards", "Firmware", "Simulator", "Physics", "HAL", "Vocabulary"],
                    path: "Tests/PhysicsStationTests"),
        // Issue 5 end to end: the shipped experiments on the physics station vs the closed forms.
        .testTarget(name: "PhysicsEndToEndTests",
                    dependencies: ["Composition", "Experiments", "Boards", "Physics", "Analysis", "Vocabulary", "Records", "Simulator", numerics, complexNumbers],
                    path: "Tests/PhysicsEndToEndTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["Composition", "Records", "Experiments", "Boards", "Firmware", "Simulator",
                                                         "LinuxHAL", "HAL", "Vocabulary", "TimingMeasurement"],
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
for target in package.targets where ["Firmware", "Simulator", "Physics", "Experiments", "Records", "Composition"].contains(target.name) {
    target.swiftSettings?.append(.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)))
}

// The cycle loop is generic over the station's request and clock types and is compiled in the
// composition root for each backend (Firmware/StationLineTypes.swift). For the optimizer to
// specialise it there, and to inline the backends' line writes, edge reads and sleeps into it,
// the bodies of these modules must be visible across module boundaries.
for target in package.targets where ["HAL", "Firmware", "Simulator", "LinuxHAL"].contains(target.name) {
    target.swiftSettings?.append(.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)))
}
