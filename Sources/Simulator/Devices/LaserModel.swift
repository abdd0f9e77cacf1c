import Physics
public import SeededRandom

/// Something that a laser pulse reaches: the quantum dot (or the stand-in source).
public protocol LaserPulseListener: AnyObject {
    /// A laser pulse reaches the sample at `picoseconds` on the board timebase.
    func laserPulse(atPicoseconds picoseconds: Int64, on board: SimulatedBoard)
}

/// The pulsed laser (pulse picker / diode driver): each rising edge of the trigger line fires one
/// optical pulse after a delay, with a Gaussian timing jitter when one is set.
public final class LaserModel: SimulatedDevice {
    /// From the trigger's rising edge to the optical pulse, in picoseconds (the mean, with jitter).
    public let triggerToPulseDelayPicoseconds: Int64
    /// RMS of the Gaussian trigger-to-pulse jitter, in picoseconds (0: none).
    public let timingJitterRMSPicoseconds: Double
    /// Who the pulse excites (a constant: a `var` would be retained and released around every
    /// pulse, in case the call replaced it).
    public let listener: (any LaserPulseListener)?
    /// Pulses fired so far.
    public private(set) var pulsesFired = 0
    /// When each pulse fired is not kept (runs are long); the last one is.
    public private(set) var lastPulsePicoseconds: Int64?
    private var id: DeviceID?
    private var random: Xoshiro256StarStar

    /// A laser that fires `triggerToPulseDelayPicoseconds` after each trigger edge, give or take a
    /// Gaussian jitter of RMS `timingJitterRMSPicoseconds` drawn from `random` (a stream of its
    /// own, so the jitter shifts no other device's draws), and excites `listener`.
    public init(triggerToPulseDelayPicoseconds: Int64, timingJitterRMSPicoseconds: Double = 0,
                random: Xoshiro256StarStar = Xoshiro256StarStar(seed: 0), listener: (any LaserPulseListener)?) {
        self.listener = listener
        self.triggerToPulseDelayPicoseconds = triggerToPulseDelayPicoseconds
        self.timingJitterRMSPicoseconds = timingJitterRMSPicoseconds.isFinite ? max(0, timingJitterRMSPicoseconds) : 0
        self.random = random
    }

    /// Hangs the laser off the board's trigger line.
    @discardableResult
    public func attach(to board: SimulatedBoard, trigger: LineID) -> DeviceID {
        let id = board.attach(self, watching: [trigger], edges: .rising)
        self.id = id
        return id
    }

    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        guard value == 1, let id else { return }
        var firePicoseconds = cycle * board.cyclePeriodPicoseconds + triggerToPulseDelayPicoseconds
        if timingJitterRMSPicoseconds > 0 {
            firePicoseconds += random.nextGaussianDelayPicoseconds(rmsPicoseconds: timingJitterRMSPicoseconds)
        }
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
