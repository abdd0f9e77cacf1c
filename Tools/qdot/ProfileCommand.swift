import ArgumentParser
import Boards
import Composition
import Firmware
import Foundation
import HAL
import LinuxHAL
import TimingMeasurement

/// `qdot profile --loopback`: measure a board's timing profile through a jumper from its trigger
/// output to a spare input, and write it as a `.profile.toml` file.
struct ProfileCommand: ParsableCommand, DrivesTheStation {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Measure a board's timing profile through a loopback wire from the trigger to a spare input.",
        discussion: """
            With the board's trigger output wired to the spare input its board file names in \
            [line.loopback] (a jumper wire; Board/README.md, "Loopback wiring"), it runs --samples \
            cycles like the firmware's loop: sleep to an absolute deadline, read the loopback line's \
            edges and level, drive the trigger to its pulse level (polling until the kernel's stamped \
            edge arrives) and back (that edge is read after the next wake-up). It writes a timing profile file (the format of Board/profiles/) with \
            every figure's method, sample count and error in a comment: line write, edge read, line \
            read and clock read costs, the wake-up latency and the edge stamp latency, each fitted as a \
            floor plus an exponential tail. `qdot sim --profile FILE` uses it, and so does a board \
            file's timing-profile = "FILE".

            A loopback measures write start → stamp, the write latency plus the stamp latency, and \
            cannot split them; the file sets the write latency to the write cost (the write lands as \
            its call returns, at the latest) and says so.

            Safety: the measurement pulses the trigger thousands of times. It refuses to start while \
            the interlock reads closed (laser permitted), and stops if it closes, unless \
            --laser-disconnected says the trigger output is unplugged from the laser driver.

            On a simulated board with a loopback line (the built-in simulated-raspberry-pi-4) it \
            measures the profile that board pays, with its interlock open.

            Exit status: 0 written; 2 the board file is wrong or has no [line.loopback]; 3 the lines \
            could not be had, the interlock is closed, or the wiring is wrong (no edge within \
            --edge-timeout-ms, an edge the wrong way); 4 stopped (interlock closed, Ctrl-C), nothing \
            written; 5 the profile file could not be written.
            """)

    @Flag(help: "Measure through the loopback wire from the trigger to the board's [line.loopback] (the one method so far).")
    var loopback = false

    @Option(help: ArgumentHelp("Board file with a [line.loopback], or a built-in board (simulated-raspberry-pi-4).",
                               valueName: "FILE|NAME"))
    var board: String

    @Option(parsing: .unconditional, help: "Measurement cycles: as many wake-ups and reads, twice as many writes and edge stamps.")
    var samples: Int = 10_000

    @Option(help: ArgumentHelp("The profile file to write (ending .profile.toml). Default: NAME.profile.toml.", valueName: "FILE"))
    var output: String?

    @Option(help: "The profile's name (letters, digits, '-', '_', '.'). Default: the board's name + \"-measured\".")
    var name: String?

    @Option(parsing: .unconditional, help: "Time between the cycles' deadlines, µs.")
    var periodUs: Int64 = 1_000

    @Option(parsing: .unconditional, help: "How long to wait for the loopback line's edge after each write, ms.")
    var edgeTimeoutMs: Int64 = 100

    @Flag(help: "The trigger output is unplugged from the laser driver: measure even with the interlock closed.")
    var laserDisconnected = false

    @Option(parsing: .unconditional, help: "Seed of a simulated board's random draws.")
    var seed: UInt64 = 1

    @OptionGroup var realtime: RealtimeOptions

    func validate() throws {
        if !loopback { throw ValidationError("qdot profile measures through a loopback wire: pass --loopback (see --help)") }
        try OptionBounds.check("--samples", samples, in: 10...10_000_000, unit: "cycles")
        try OptionBounds.check("--period-us", periodUs, in: 1...1_000_000, unit: "µs")
        try OptionBounds.check("--edge-timeout-ms", edgeTimeoutMs, in: 1...60_000, unit: "ms")
        if let name, name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) {
            throw ValidationError("--name must be letters, digits, '-', '_' or '.', got \"\(name)\"")
        }
        if let output, !output.hasSuffix(".profile.toml") {
            throw ValidationError("--output must end in .profile.toml (board files and --profile take only such files), got \(output)")
        }
    }

    func run() throws {
        let definition = try BoardLoading.load(board)
        guard definition.loopbackLine != nil else {
            printError("qdot profile: \(LoopbackBenchError.noLoopbackLine(board: definition.name, file: definition.fileName))")
            throw QdotExit.badInputFile.code
        }
        let plan = LoopbackPlan(cycles: samples, period: .microseconds(periodUs), edgeTimeout: .milliseconds(edgeTimeoutMs),
                                laserDisconnected: laserDisconnected)
        let profileName = name ?? "\(definition.name)-measured"
        let measurement = definition.backend == .simulated
            ? try measureSimulated(definition, plan: plan, name: profileName)
            : try measureLinux(definition, plan: plan, name: profileName)
        let path = output ?? "\(profileName).profile.toml"
        let text = measurement.profile.fileText(provenance: measurement.provenance, plan: plan)
        do {
            _ = try TimingProfile.parse(text: text, fileName: path)
        } catch {
            printError("qdot profile: the profile written does not read back (a bug; please report it): \(error)")
            throw QdotExit.unexpected.code
        }
        try OutputFiles.write(Data(text.utf8), to: path, what: "timing profile")
        print(ProfileSummary.text(measurement.profile, provenance: measurement.provenance,
                                  board: definition.timingProfile, file: path))
    }

    /// A finished measurement: the profile and where it was measured.
    struct Measurement {
        var profile: MeasuredTimingProfile
        var provenance: LoopbackProvenance
    }

    private func measureSimulated(_ definition: BoardDefinition, plan: LoopbackPlan, name: String) throws -> Measurement {
        let simulated: SimulatedLoopbackBench
        do { simulated = try SimulatedLoopbackBench(definition: definition, seed: seed) } catch { throw Self.failure(error) }
        let samples = try Self.measure(simulated.bench, plan: plan)
        let paid = SimulatedStationBuilder.timingProfile(of: definition, override: nil)
        let profile = MeasuredTimingProfile(name: name, samples: samples, unmeasured: paid,
                                            unmeasuredSource: "the board's profile \(paid.name)")
        let provenance = provenance(definition, system: "the simulated board (seed \(seed)), paying the timing profile \(paid.name)",
                                    gpioLibrary: "none (simulated board)", realtime: "simulated time",
                                    stampClock: "the simulated board's clock, stamped as its profile draws")
        return Measurement(profile: profile, provenance: provenance)
    }

    private func measureLinux(_ definition: BoardDefinition, plan: LoopbackPlan, name: String) throws -> Measurement {
        let driver: LibgpiodDriver
        do { driver = try LibgpiodDriver.load(soname: ProcessInfo.processInfo.environment["QDOT_LIBGPIOD"]) } catch {
            printError("qdot profile: \(error)")
            throw QdotExit.stationUnavailable.code
        }
        let linux: LinuxLoopbackBench<LibgpiodDriver>
        do { linux = try LinuxLoopbackBench(definition: definition, busyWaitTail: .microseconds(realtime.busyWaitUs), driver: driver) } catch {
            throw Self.failure(error)
        }
        // The measuring thread gets the real-time setup `qdot run` gives its loop: measure with the options you run with.
        let setup = RealtimeSetup.apply(priority: realtime.priority, lockMemory: realtime.lockMemory, cpu: realtime.cpu,
                                        maximumCPUWakeLatencyMicroseconds: realtime.wakeLatencyCap)
        for warning in setup.warnings { printError("warning: \(warning)") }
        let samples = try Self.measure(linux.bench, plan: plan)
        withExtendedLifetime(setup) {}   // the CPU wake-latency hold lasts the whole measurement
        let named = definition.timingProfile
        let profile = MeasuredTimingProfile(
            name: name, samples: samples, unmeasured: named,
            unmeasuredSource: named.map { "the board's profile \($0.name)" }
                ?? "the board names no profile: the kernel's default buffer, and no shortest pulse (0: set yours)")
        let realtimeWords = [setup.fifoPriority.map { "SCHED_FIFO \($0)" } ?? "SCHED_OTHER",
                             setup.memoryLocked ? "memory locked" : "memory not locked",
                             setup.pinnedCPU.map { "CPU \($0)" } ?? "no CPU pinned",
                             realtime.busyWaitUs > 0 ? "busy-wait tail \(realtime.busyWaitUs) µs" : "no busy-wait tail"]
        let provenance = provenance(definition, system: LatencyCommand.kernel(), gpioLibrary: "libgpiod \(driver.libraryVersion)",
                                    realtime: realtimeWords.joined(separator: ", "),
                                    stampClock: linux.loopbackRequest.eventClocks.first?.displayName ?? "CLOCK_MONOTONIC")
        return Measurement(profile: profile, provenance: provenance)
    }

    private func provenance(_ definition: BoardDefinition, system: String, gpioLibrary: String, realtime: String,
                            stampClock: String) -> LoopbackProvenance {
        LoopbackProvenance(
            boardName: definition.name, boardFile: FileManager.default.fileExists(atPath: board) ? board : definition.fileName,
            triggerLine: definition[.trigger]?.qualifiedName ?? "trigger",
            loopbackLine: definition.loopbackLine?.qualifiedName ?? "loopback",
            measuredAt: ISO8601DateFormatter().string(from: Date()), system: system, gpioLibrary: gpioLibrary,
            realtime: realtime, stampClock: stampClock)
    }

    /// Runs the measurement with Ctrl-C and SIGTERM stopping it; every failure printed with its exit status.
    private static func measure(_ bench: LoopbackBench, plan: LoopbackPlan) throws -> LoopbackSamples {
        let stop = StopSignal()
        let signals = try StopOnSignals.start(stop, command: "qdot profile")
        defer { withExtendedLifetime(signals) {} }
        do {
            return try LoopbackMeasurement.run(on: bench, plan: plan, stop: stop)
        } catch {
            printError("qdot profile: \(error)")
            switch error {
            case .stopped, .interlockClosedDuringMeasurement: throw QdotExit.stoppedEarly.code
            case .interlockClosed, .noEdge, .wrongEdge, .stampBeforeWrite, .hardware: throw QdotExit.stationUnavailable.code
            }
        }
    }

    /// The exit for a bench that could not be built, its reason printed.
    private static func failure(_ error: LoopbackBenchError) -> ExitCode {
        printError("qdot profile: \(error)")
        switch error {
        case .noLoopbackLine, .station(.wrongBackend), .station(.stationData): return QdotExit.badInputFile.code
        case .station(.hardware): return QdotExit.stationUnavailable.code
        }
    }
}
