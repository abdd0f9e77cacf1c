import Boards
import Foundation
import Testing

/// `qdot run`, `qdot latency` and `qdot boards` end to end on this machine, which has no GPIO.
@Suite struct LinuxCommandTests {
    static let boardFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Board")
    static let labBoards = ["raspberry-pi-4", "raspberry-pi-5", "beaglebone-black"]

    static func board(_ name: String) -> String { boardFolder.appendingPathComponent("\(name).board.toml").path }

    static var machineHasGPIO: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []).contains { $0.hasPrefix("gpiochip") }
    }

    @Test(.enabled(if: !machineHasGPIO, "this machine has GPIO chips"))
    func runWithoutGPIOSaysNoSuchChipAndExitsNonZero() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["run", "--board", Self.board("raspberry-pi-4"), "--cycles", "100"], in: dir)
        #expect(run.exitCode == 3)
        #expect(run.standardError.contains("noSuchChip"), "\(run.standardError)")
        #expect(run.standardError.contains("no chip labelled \"pinctrl-bcm2711\""))
        #expect(run.standardError.contains("there are no GPIO chips on this machine"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("qdot-result.json").path))
    }

    @Test func runWithLibgpiodMissingNamesTheLibraryAndThePackage() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["run", "--board", Self.board("raspberry-pi-5")], in: dir,
                                      environment: ["QDOT_LIBGPIOD": "libgpiod-not-installed.so.9"])
        #expect(run.exitCode == 3)
        #expect(run.standardError.contains("backendUnavailable"), "\(run.standardError)")
        #expect(run.standardError.contains("libgpiod-not-installed.so.9"))
        #expect(run.standardError.contains("apt install libgpiod"))
    }

    @Test func runRefusesASimulatedBoard() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["run", "--board", Self.board("simulated")], in: dir)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("qdot run needs backend = \"linux\""), "\(run.standardError)")
    }

    @Test func runRejectsAnOutOfRangePriorityBeforeTouchingGPIO() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["run", "--board", Self.board("raspberry-pi-4"), "--priority", "120"], in: dir)
        #expect(run.exitCode != 0)
        #expect(run.standardError.contains("--priority: expected 1 … 99, found 120"))
    }

    @Test func latencyMeasuresBrieflyAndPrintsItsFigures() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["latency", "--period-us", "1000", "--duration", "0.2", "--no-wake-latency-hold"], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let out = run.standardOutput
        #expect(out.contains("wake-up latency: 200 samples, period 1000.0 µs"), "\(out)")
        #expect(out.contains("min     avg     p50     p99     p99.9   max   (µs)"))
        #expect(out.contains("histogram (µs: count):"))
        #expect(out.contains("simulated raspberry-pi-4 profile (closed form, µs):"))
        // The profile's row: 8 µs floor, exponential tail of mean 4 µs cut at 100 µs:
        // mean 8 + 4(1 − e^−23) = 12.0, p50 8 + 4 ln 2 = 10.8, p99 8 + 4 ln 100 = 26.4, p99.9 8 + 4 ln 1000 = 35.6.
        #expect(out.contains("  8.0     12.0    10.8    26.4    35.6    100.0"), "\(out)")
        // The histogram's counts add up to the samples.
        let lines = out.split(separator: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("histogram") })
        let counts = lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.compactMap { Int($0.split(separator: " ").last ?? "") }
        #expect(counts.reduce(0, +) == 200)
    }

    @Test func latencyRejectsAZeroPeriod() throws {
        let run = try QdotProcess.run(["latency", "--period-us", "0"], in: try QdotProcess.temporaryDirectory())
        #expect(run.exitCode != 0)
        #expect(run.standardError.contains("--period-us: expected 1 … 1 000 000 µs, found 0"))
    }

    @Test func boardsListsTheBuiltInStationAndEveryShippedFile() throws {
        let run = try QdotProcess.run(["boards"], in: try QdotProcess.temporaryDirectory(),
                                      environment: ["QDOT_BOARD_DIR": Self.boardFolder.path])
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("simulated-station         simulated  (built in)"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("simulated-raspberry-pi-4  simulated  (built in)"), "\(run.standardOutput)")
        for name in Self.labBoards {
            #expect(run.standardOutput.contains("\(name)"), "\(name) missing")
            #expect(run.standardOutput.contains(Self.board(name)))
        }
        #expect(!run.standardOutput.contains("error:"))
    }

    @Test func boardsShowPrintsTheRoleTable() throws {
        let run = try QdotProcess.run(["boards", "--show", Self.board("raspberry-pi-4")], in: try QdotProcess.temporaryDirectory())
        #expect(run.exitCode == 0, "\(run.standardError)")
        let out = run.standardOutput
        #expect(out.contains("trigger        output  pinctrl-bcm2711    GPIO17      active-high  safe inactive"), "\(out)")
        #expect(out.contains("interlock      input   pinctrl-bcm2711    GPIO16      active-low   bias pull-up"), "\(out)")
        #expect(out.contains("clicks stamped by the kernel's interrupt stamp"), "\(out)")
        #expect(out.contains("loopback       input   pinctrl-bcm2711    GPIO18      active-high  bias pull-down"), "\(out)")
        #expect(out.split(separator: "\n").count == 4 + 13)   // header lines + one line per role, the loopback too
    }

    @Test func boardsShowOfAMissingFileIsAClearError() throws {
        let run = try QdotProcess.run(["boards", "--show", "no/such.board.toml"], in: try QdotProcess.temporaryDirectory())
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("no/such.board.toml"))
    }

    @Test(arguments: labBoards)
    func shippedLabBoardFileLoadsWithoutError(name: String) throws {
        let board = try BoardDefinition.load(contentsOf: Self.board(name))
        #expect(board.name == name && board.backend == .linux && board.timingProfile?.name == name)
        #expect(board.inputLines.count == 5 && !board.gateLines.isEmpty)
        #expect(board.basisBitCount(of: .a) >= 1 && board.basisBitCount(of: .b) >= 1)
    }
}
