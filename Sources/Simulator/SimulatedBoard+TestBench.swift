public import HAL

/// The test side of the simulated board: what a test or a fault script does to the world around
/// the board, apart from the HAL the firmware uses (as Zephyr's GPIO emulator has its own API).
extension SimulatedBoard {
    /// Sets a line's level before the run starts, without an edge or a trace record (a line that
    /// is already high when the board powers up: a closed interlock loop).
    public func setInitialValue(_ line: LineID, to value: UInt8) {
        lines[line.index].value = value
        traceInitialLevels[line.index] = lines[line.index].level
    }

    /// Drives an input line to `value` at `instant`, as the outside world would.
    public func drive(_ line: LineID, to value: LineValue, at instant: Instant) {
        scheduleDrive(line, to: value.rawValue, atCycle: cycle(atOrAfter: instant))
    }

    /// The logical value of any line now (an output as the firmware drives it, an input as the world does).
    public func logicalValue(of line: LineID) -> LineValue {
        lines[line.index].value == 1 ? .active : .inactive
    }

    /// Runs `action` at `instant` on the simulation's thread (a fault, a measurement).
    public func schedule(at instant: Instant, _ action: @escaping (SimulatedBoard) -> Void) {
        let device = ScriptedAction(action: action)
        let id = attach(device)
        scheduleTimer(id, tag: 0, atCycle: cycle(atOrAfter: instant))
    }

    /// Calls `observer` with every change of `line` from now on.
    public func watch(_ line: LineID, _ observer: @escaping (TraceRecord) -> Void) {
        attach(LineWatcher(observer: observer), watching: [line])
    }

    /// Runs the world (without firmware) until `instant`: every event due by then happens.
    public func run(until instant: Instant) {
        let target = cycle(atOrAfter: instant)
        advanceWorld(to: target)
        if firmwareCycle < target { firmwareCycle = target }
    }
}

/// A one-shot action: it lets go of its closure once it has run, because the board keeps every
/// attached device, and a closure that captures the board (or a fixture holding it) would
/// otherwise hold the board alive forever (LeakSanitizer found this cycle in the interlock tests).
private final class ScriptedAction: SimulatedDevice {
    var action: ((SimulatedBoard) -> Void)?
    init(action: @escaping (SimulatedBoard) -> Void) { self.action = action }
    func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        let pending = action
        action = nil
        pending?(board)
    }
}

private final class LineWatcher: SimulatedDevice {
    let observer: (TraceRecord) -> Void
    init(observer: @escaping (TraceRecord) -> Void) { self.observer = observer }
    func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        observer(TraceRecord(time: board.instant(atCycle: cycle), line: line, level: board.lines[line.index].level))
    }
}
