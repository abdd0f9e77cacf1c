import ArgumentParser
import Firmware

/// What to run, shared by `qdot sim` and `qdot run`: an experiment file (with its click record), or
/// the plain two-setting cycle for a number of cycles or a time; and the seed.
struct RunPlanOptions: ParsableArguments {
    @Option(help: "Experiment file (Experiments/README.md) or a built-in example's name.")
    var experiment: String?

    @Option(help: "Write the raw click record here (experiments only).")
    var record: String = "qdot-run.qdotrec"

    @Flag(help: "Do not write the click record.")
    var noRecord = false

    @Option(parsing: .unconditional, help: "Trigger cycles of the plain two-setting run (not with --experiment).")
    var cycles: Int?

    @Option(parsing: .unconditional, help: "Board time of the plain two-setting run, in seconds (instead of --cycles).")
    var duration: Double?

    @Option(parsing: .unconditional, help: "Seed of every random draw (simulation) and random basis choice; the experiment's own seed otherwise, 1 for a plain run.")
    var seed: UInt64?

    func validate() throws {
        // The plain run's standard 10 µs period: at most RunLimits.longestRun of board time either way.
        let longest = RunLimits.longestRunSeconds
        try OptionBounds.check("--cycles", cycles, in: 1...longest * 100_000)
        try OptionBounds.check("--duration", duration, in: 0...Double(longest), unit: "s", exclusiveLower: true)
        if cycles != nil && duration != nil { throw ValidationError("give --cycles or --duration, not both") }
        if experiment != nil && (cycles != nil || duration != nil) {
            throw ValidationError("--cycles and --duration are for runs without --experiment; an experiment file sets its own cycles")
        }
    }

    /// Where the click record goes, nil when it is not wanted.
    var recordPath: String? { noRecord ? nil : record }

    /// Cycles of the plain run for a trigger period: --cycles, or --duration over the period, or a million.
    func plainCycleCount(periodSeconds: Double) -> Int {
        cycles ?? duration.map { Int(($0 / periodSeconds).rounded()) } ?? 1_000_000
    }
}
