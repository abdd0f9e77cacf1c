/// Something that a laser pulse reaches: the quantum dot (or the stand-in source).
public protocol LaserPulseListener: AnyObject {
    /// A laser pulse reaches the sample at `picoseconds` on the board timebase.
    func laserPulse(atPicoseconds picoseconds: Int64, on board: SimulatedBoard)
}

/// The pulsed laser (pulse picker / diode driver): each rising edge of the trigger line fires one
/// optical pulse after a fixed delay.
public final class LaserModel: SimulatedDevice {
    /// From the trigger's rising edge to the optical pulse, in picoseconds.
    public let triggerToPulseDelayPicoseconds: Int64
    /// Who the pulse excites.
    public var listener: (any LaserPulseListener)?
    /// Pulses fired so far.
    public private(set) var pulsesFired = 0
    /// When each pulse fired is not kept (runs are long); the last one is.
    public private(set) var lastPulsePicoseconds: Int64?
    private var id: DeviceID?

    /// A laser that fires `triggerToPulseDelayPicoseconds` after each trigger edge.
    public init(triggerToPulseDelayPicoseconds: Int64) {
        self.triggerToPulseDelayPicoseconds = triggerToPulseDelayPicoseconds
    }

    /// Hangs the laser off the board's trigger line.
    @discardableResult
    public func attach(to board: SimulatedBoard, trigger: LineID) -> DeviceID {
        let id = board.attach(self, watching: [trigger])
        self.id = id
        return id
    }

    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        guard value == 1, let id else { return }
        let firePicoseconds = cycle * board.cyclePeriodPicoseconds + triggerToPulseDelayPicoseconds
        // The optical pulse itself is not a GPIO signal: it reaches the listener on the
        // picosecond timeline, from a timer at the cycle that contains it.
        board.scheduleTimer(id, tag: firePicoseconds, atCycle: firePicoseconds / board.cyclePeriodPicoseconds)
    }

    public func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        pulsesFired += 1
        lastPulsePicoseconds = tag
        listener?.laserPulse(atPicoseconds: tag, on: board)
    }
}
