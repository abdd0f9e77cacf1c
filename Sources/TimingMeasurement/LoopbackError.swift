public import HAL

/// Why a loopback measurement did not finish. Every case leaves the trigger at its safe level.
public enum LoopbackError: Error, Hashable, CustomStringConvertible {
    /// The interlock reads closed (laser permitted) and the operator has not said the laser is
    /// disconnected: toggling the trigger would fire it. Nothing was toggled.
    case interlockClosed(interlock: String)
    /// The interlock closed during the measurement (laser permitted) and the operator had not said
    /// the laser is disconnected: stopped at that cycle.
    case interlockClosedDuringMeasurement(interlock: String, cycle: Int)
    /// No edge reached the loopback line within `timeout` of a write to the trigger.
    case noEdge(loopback: String, trigger: String, level: LineValue, timeout: TimeSpan)
    /// The loopback line's first edge after the trigger went to `level` ran the other way: the
    /// two lines' `active-low` differ (or an inverting buffer sits in the wire).
    case wrongEdge(loopback: String, trigger: String, level: LineValue, seen: EdgeKind)
    /// The loopback edge was stamped before the write that made it began: the stamps are not on
    /// the loop's clock.
    case stampBeforeWrite(loopback: String, early: TimeSpan)
    /// A stop was asked for (Ctrl-C, SIGTERM) at this cycle.
    case stopped(cycle: Int)
    /// A HAL call failed.
    case hardware(HardwareError)

    public var description: String {
        switch self {
        case let .interlockClosed(interlock):
            return "the interlock \(interlock) is closed (laser permitted): the loopback measurement pulses the trigger, "
                + "which would fire the laser. Open the interlock, or disconnect the trigger from the laser driver and "
                + "pass --laser-disconnected"
        case let .interlockClosedDuringMeasurement(interlock, cycle):
            return "the interlock \(interlock) closed at cycle \(cycle) (laser permitted): stopped, trigger at its safe level; "
                + "nothing was written"
        case let .noEdge(loopback, trigger, level, timeout):
            return "no edge on \(loopback) within \(Self.milliseconds(timeout)) ms of driving \(trigger) "
                + "\(level.isActive ? "active" : "inactive"): is the trigger wired to it?"
        case let .wrongEdge(loopback, trigger, level, seen):
            return "\(loopback) saw a \(seen) edge when \(trigger) went \(level.isActive ? "active" : "inactive"): "
                + "give [line.loopback] the same active-low as [line.trigger]"
        case let .stampBeforeWrite(loopback, early):
            return "an edge on \(loopback) was stamped \(early.nanoseconds) ns before the write that made it began: "
                + "its stamps are not on the loop's clock (CLOCK_MONOTONIC)"
        case let .stopped(cycle):
            return "stopped at cycle \(cycle) on request; trigger at its safe level, nothing was written"
        case let .hardware(error):
            return error.description
        }
    }

    /// A span in milliseconds for messages: "100", "2.5".
    static func milliseconds(_ span: TimeSpan) -> String {
        span.nanoseconds % 1_000_000 == 0 ? "\(span.nanoseconds / 1_000_000)" : "\(Double(span.nanoseconds) / 1e6)"
    }
}
