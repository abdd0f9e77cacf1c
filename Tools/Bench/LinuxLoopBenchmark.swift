import Boards
import Composition
import Firmware
import HAL
import LinuxHAL
import MallocInterposerSwift

/// The cycle loop on the Linux backend: the firmware compiled for libgpiod requests
/// (`LinuxOutputLine`, `LinuxEdgeInput`, `LinuxClock`, as `qdot run` builds them), over a GPIO
/// driver that answers at once (no kernel here), and heap allocations per steady-state cycle.
///
/// The driver's writes and reads do nothing, the interlock reads closed and no edge ever comes,
/// so what is measured is the loop, the backend's request code and the clock — not a GPIO chip.
/// The clock spins to every deadline (busy-wait tail = the whole period) so the cycles follow
/// each other at the schedule's 10 µs, not at the machine's wake-up latency.
enum LinuxLoopBenchmark {
    static func run() {
        print("== linux-loop: the firmware cycle on the Linux backend (libgpiod requests over a driver that answers at once)")
        do {
            _ = try measure(cycles: 2_000, countAllocations: false)   // one-time set-up (type metadata, lazy globals)
            let short = try measure(cycles: 20_000, countAllocations: AllocationCounting.isActive)
            let long = try measure(cycles: 120_000, countAllocations: AllocationCounting.isActive)
            print("  cycles run               \(short.cycles) and \(long.cycles) at 10 µs deadlines "
                + "(slots missed when the thread lost its CPU: \(short.missedSlots) and \(long.missedSlots))")
            if AllocationCounting.isActive {
                let perCycle = Double(max(0, long.allocations - short.allocations)) / Double(long.cycles - short.cycles)
                print("  heap allocations         \(SimulatorBenchmark.format(perCycle, 4)) per steady-state cycle "
                    + "(\(short.allocations) for \(short.cycles) cycles, \(long.allocations) for \(long.cycles))")
            } else {
                print("  heap allocations         not measured: \(AllocationCounting.unavailableReason)")
            }
        } catch {
            print("  failed: \(error)")
        }
    }

    struct Measurement {
        var cycles: Int
        var missedSlots: Int
        var allocations: Int
    }

    static func measure(cycles: Int, countAllocations: Bool) throws -> Measurement {
        // The built-in station's lines on the Linux backend: the board file's own template use
        // ("copy it, set backend = \"linux\"").
        let text = BoardDefinition.simulatedStationText.replacing("backend = \"simulated\"", with: "backend = \"linux\"")
        let definition = try BoardDefinition.parse(text: text, fileName: "simulated.board.toml with backend = linux")
        let driver = SilentGPIODriver(definition: definition)
        let station = try LinuxStationBuilder(definition: definition, busyWaitTail: CycleTiming.standard.triggerPeriod,
                                              driver: driver)
        let controller = try Controller(lines: station.lines)
        try controller.armForRun()
        if countAllocations { MallocInterposerSwift.initialize(); MallocInterposerSwift.hook() }
        let report = try controller.run(CycleSchedule.plainTwoSettings(cycles: cycles))
        if countAllocations { MallocInterposerSwift.unhook() }
        precondition(report.cyclesRun == cycles, "linux-loop run incomplete: \(report.stopReason?.description ?? "")")
        return Measurement(cycles: report.cyclesRun, missedSlots: report.timingBudget.missedSlots,
                           allocations: countAllocations ? MallocInterposerSwift.getStatistics().mallocCount : 0)
    }
}

/// A GPIO driver with the chips and lines a board file names, whose writes and reads do nothing:
/// every input reads active (the interlock closed) and no edge ever comes.
final class SilentGPIODriver: GPIODriver {
    let chips: [(label: String, lineNames: [String])]
    var providesLineSequenceNumbers: Bool { true }
    var canChooseEventClock: Bool { true }
    var libraryVersion: String { "silent" }
    var kernelRelease: String { "none" }
    private var nextHandle: UInt = 1000

    /// One chip per chip label of `definition`, its lines named as the board file names them.
    init(definition: BoardDefinition) {
        var chips: [(label: String, lineNames: [String])] = []
        for line in definition.outputLines + definition.inputLines {
            if let index = chips.firstIndex(where: { $0.label == line.chipLabel }) {
                chips[index].lineNames.append(line.lineName)
            } else {
                chips.append((line.chipLabel, [line.lineName]))
            }
        }
        self.chips = chips
    }

    func chipPaths() throws(GPIODriverError) -> [String] { chips.indices.map { "/dev/gpiochip\($0)" } }
    func openChip(path: String) throws(GPIODriverError) -> GPIODriverHandle {
        GPIODriverHandle(rawValue: UInt(path.dropFirst("/dev/gpiochip".count)) ?? 0)
    }
    func closeChip(_ chip: GPIODriverHandle) {}
    func describeChip(_ chip: GPIODriverHandle) throws(GPIODriverError) -> GPIOChipDescription {
        GPIOChipDescription(label: chips[Int(chip.rawValue)].label, lineCount: chips[Int(chip.rawValue)].lineNames.count)
    }
    func describeLine(_ chip: GPIODriverHandle, offset: Int) throws(GPIODriverError) -> GPIOLineDescription {
        GPIOLineDescription(name: chips[Int(chip.rawValue)].lineNames[offset], consumer: nil)
    }
    func accessDescription(path: String) -> String { "\(path) (silent driver)" }
    func requestOutputs(chipPath: String, offsets: [Int], activeLow: [Bool], initial: LineBits,
                        consumer: String) throws(GPIODriverError) -> GPIODriverHandle { newHandle() }
    func requestEdgeInputs(chipPath: String, offsets: [Int], activeLow: [Bool], bias: [LineBias], edges: [EdgeSelection],
                           eventClocks: [EdgeEventClock], consumer: String) throws(GPIODriverError) -> GPIODriverHandle { newHandle() }
    func setValues(_ request: GPIODriverHandle, to values: LineBits, lineCount: Int) throws(GPIODriverError) {}
    func value(_ request: GPIODriverHandle, lineIndex index: Int) throws(GPIODriverError) -> LineValue { .active }
    func readEdges(_ request: GPIODriverHandle, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(GPIODriverError) -> Int { 0 }
    func release(_ request: GPIODriverHandle) {}

    private func newHandle() -> GPIODriverHandle {
        nextHandle += 1
        return GPIODriverHandle(rawValue: nextHandle)
    }
}
