/// A device model hanging off the simulated board's lines: the laser, the source, a detector,
/// the interlock switch.
///
/// Devices react to line changes and to their own timers, and act only through the board
/// (drive a line, schedule a timer) at the current simulated cycle or later, so the run stays
/// causal and deterministic. They are called on the simulation's single thread.
public protocol SimulatedDevice: AnyObject {
    /// A line this device watches changed to `value` (logical) at `cycle`.
    func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard)

    /// A timer this device scheduled with `tag` came due at `cycle`.
    func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard)
}

extension SimulatedDevice {
    /// Devices that watch no line ignore line changes.
    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {}
    /// Devices without timers ignore timers.
    public func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {}
}

/// A line of the simulated board, by its index in the board's line table.
public struct LineID: Hashable, Sendable, CustomStringConvertible {
    /// Index into the board's line table.
    public var index: Int
    /// A line id.
    public init(_ index: Int) { self.index = index }
    public var description: String { "line \(index)" }
}

/// A device attached to the board, by its index in the board's device table.
public struct DeviceID: Hashable, Sendable {
    /// Index into the board's device table.
    public var index: Int
}
