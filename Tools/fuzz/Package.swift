// swift-tools-version: 6.0
// libFuzzer harnesses for qdot's readers: one executable per reader, each a
// `LLVMFuzzerTestOneInput` that hands the bytes to the reader and ignores what it throws; any trap
// or sanitizer report is a finding. A package of its own so the root package's `swift build`
// never sees them (their main calls libFuzzer's driver, which only `-sanitize=fuzzer` links).
// Built only by Tools/ci/fuzz.sh:
//
//     swift build -c release -Xswiftc -sanitize=fuzzer,address
import PackageDescription

/// The harnesses: executable name, the root package's library it drives.
let harnesses: [(name: String, library: String)] = [
    ("fuzz-config", "ConfigFile"),
    ("fuzz-board", "Boards"),
    ("fuzz-station", "Boards"),
    ("fuzz-profile", "Boards"),
    ("fuzz-experiment", "Experiments"),
    ("fuzz-record", "Records"),
    ("fuzz-record-salvage", "Records"),
    ("fuzz-ptu", "Records"),
    ("fuzz-link-frame", "LinkProtocol"),
    ("fuzz-key-messages", "KeyDistillation"),
]

let package = Package(
    name: "qdot-fuzz",
    dependencies: [.package(name: "qdot", path: "../..")],
    targets: [
        // libFuzzer's driver entry point (declared only; -sanitize=fuzzer links it).
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"], path: "Sources/FuzzDriver",
                swiftSettings: [.unsafeFlags(["-warnings-as-errors"])]),
    ] + harnesses.map { harness in
        .executableTarget(name: harness.name,
                          dependencies: ["FuzzDriver", .product(name: harness.library, package: "qdot")],
                          path: "Sources/\(harness.name)",
                          swiftSettings: [.unsafeFlags(["-warnings-as-errors"])])
    }
)
