/// The laser-safety interlock loop: closed (line active) permits the laser, open stops it.
///
/// Tests and fault scripts open and close it at chosen instants.
public final class InterlockSwitch: SimulatedDevice {
    /// The interlock input line it drives.
    public let line: LineID

    /// A switch on `line`, closed from the start of the run.
    public init(line: LineID, on board: SimulatedBoard) {
        self.line = line
        board.attach(self)
        board.setInitialValue(line, to: 1)
    }

    /// Opens the loop at `cycle` (the laser must stop).
    public func open(atCycle cycle: Int64, on board: SimulatedBoard) {
        board.scheduleDrive(line, to: 0, atCycle: cycle)
    }

    /// Closes the loop at `cycle`.
    public func close(atCycle cycle: Int64, on board: SimulatedBoard) {
        board.scheduleDrive(line, to: 1, atCycle: cycle)
    }
}
