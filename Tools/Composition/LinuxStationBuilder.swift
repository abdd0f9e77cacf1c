public import Boards
public import Firmware
public import HAL
public import LinuxHAL

/// Builds a station on real GPIO from a board definition: the lines of each chip requested
/// together through libgpiod (outputs in one request per chip, set in one call; inputs in one
/// edge-event request per chip, click lines for rising edges only and the interlock for both:
/// `LineGrouping.edges(of:)`), each role bound to its request and index, and the
/// CLOCK_MONOTONIC clock the loop's deadlines use (and the kernel stamps edges with, unless the
/// clicks ask for a hardware timestamping engine).
///
/// Clicks and the interlock often share a chip (all of a Raspberry Pi's header lines are one);
/// their request then mixes edge selections, which both libgpiod APIs take line by line.
///
/// The requests live as long as the builder: releasing it drives every output to its safe level
/// and then releases the lines (`LinuxOutputLine.deinit`).
///
/// Generic over the GPIO driver (`LibgpiodDriver` on a lab board, a recording one in tests) so
/// that the output requests call it statically.
public struct LinuxStationBuilder<Driver: GPIODriver> {
    /// The backend the lines were requested through.
    public let gpio: LinuxGPIO<Driver>
    /// One output request per chip, in the order the chips first appear in the board's roles.
    public let outputRequests: [LinuxOutputLine<Driver>]
    /// One edge-input request per chip.
    public let inputRequests: [LinuxEdgeInput]
    /// The firmware's view of the lines.
    public let lines: StationLines
    /// The clock the kernel stamps the four click lines' edges with (the interlock's is always
    /// CLOCK_MONOTONIC: only its level matters).
    public let clickEventClock: EdgeEventClock
    /// The input roles whose lost edges cannot be detected, in role order: on libgpiod 1.6 (no
    /// sequence numbers) the click lines, which report rising edges only; none on libgpiod 2.x.
    public let lostEdgesUndetectableOn: [LineRole]

    /// Requests the board's lines.
    ///
    /// - Parameters:
    ///   - definition: the board file's contents (its backend must be `linux`).
    ///   - busyWaitTail: how long before each deadline the clock stops sleeping and spins (zero: never).
    ///   - clickEventClock: the clock the kernel stamps click edges with — the board's click
    ///     timestamp source (`.hardwareTimestampEngine` where the chip has one; libgpiod 2.x only).
    ///     The board file does not name it yet: its caller passes it once it does.
    ///   - driver: the GPIO driver (`LibgpiodDriver.load()`; tests pass a recording one).
    /// - Throws: `wrongBackend` for a simulated board; `hardware` with the backend's error (no such
    ///   chip or line listing what exists, line busy naming its consumer, permission denied
    ///   naming the device's group, libgpiod missing, an event clock this libgpiod, kernel or
    ///   chip cannot give: `unsupported`).
    public init(definition: BoardDefinition, busyWaitTail: TimeSpan = .zero, clickEventClock: EdgeEventClock = .monotonic,
                driver: Driver) throws(StationBuildError) {
        guard definition.backend == .linux else {
            throw .wrongBackend(board: definition.name, backend: definition.backend.rawValue, expected: .linux)
        }
        let gpio = LinuxGPIO(consumer: definition.consumer, driver: driver)
        var outputRequests: [LinuxOutputLine<Driver>] = []
        var inputRequests: [LinuxEdgeInput] = []
        var outputBindings: [LineRole: OutputBinding] = [:]
        var inputBindings: [LineRole: InputBinding] = [:]
        var undetectable: [LineRole] = []
        do {
            for (chip, assignments) in LineGrouping.byChip(definition.outputLines) {
                let specs = assignments.map { assignment in
                    OutputLineSpec(name: assignment.lineName, activeLow: assignment.isActiveLow,
                                   initial: assignment.safeLevel ?? .inactive, safe: assignment.safeLevel ?? .inactive)
                }
                let request = try gpio.requestOutputs(chipLabel: chip, lines: specs)
                outputRequests.append(request)
                for (index, assignment) in assignments.enumerated() {
                    outputBindings[assignment.role] = OutputBinding(request: request, index: index,
                                                                    safeValue: assignment.safeLevel ?? .inactive)
                }
            }
            for (chip, assignments) in LineGrouping.byChip(definition.inputLines) {
                let specs = assignments.map { assignment in
                    EdgeInputLineSpec(name: assignment.lineName, activeLow: assignment.isActiveLow,
                                      bias: assignment.bias ?? .asIs, edges: LineGrouping.edges(of: assignment.role),
                                      eventClock: assignment.role == .interlock ? .monotonic : clickEventClock)
                }
                let request = try gpio.requestEdgeInputs(chipLabel: chip, lines: specs)
                inputRequests.append(request)
                for (index, assignment) in assignments.enumerated() {
                    inputBindings[assignment.role] = InputBinding(request: request, index: index)
                    if request.lostEdgeDetection[index] == .undetectable { undetectable.append(assignment.role) }
                }
            }
        } catch {
            // Requests made so far are released (outputs driven safe first) as they go out of scope.
            throw .hardware(error)
        }
        self.gpio = gpio
        self.outputRequests = outputRequests
        self.inputRequests = inputRequests
        self.clickEventClock = clickEventClock
        lostEdgesUndetectableOn = undetectable.sorted()
        var lines = LineGrouping.stationLines(definition: definition, outputs: outputBindings, inputs: inputBindings,
                                              clock: LinuxClock(busyWaitTail: busyWaitTail))
        // The cycle loop compiled for libgpiod requests through this driver.
        lines.compileLoop(for: StationLineTypes<LinuxOutputLine<Driver>, LinuxEdgeInput, LinuxClock>())
        self.lines = lines
    }
}

extension LinuxStationBuilder where Driver == LibgpiodDriver {
    /// Requests the board's lines through the real libgpiod (loaded here).
    ///
    /// - Throws: `hardware` with `backendUnavailable` when libgpiod cannot be loaded, and
    ///   everything `init(definition:busyWaitTail:clickEventClock:driver:)` throws.
    public init(definition: BoardDefinition, busyWaitTail: TimeSpan = .zero,
                clickEventClock: EdgeEventClock = .monotonic) throws(StationBuildError) {
        let driver: LibgpiodDriver
        do { driver = try LibgpiodDriver.load() } catch { throw .hardware(error) }
        try self.init(definition: definition, busyWaitTail: busyWaitTail, clickEventClock: clickEventClock, driver: driver)
    }
}
