import Physics
public import SeededRandom

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
    /// How the laser calls `listener` (which keeps it alive): directly for the station's own
    /// listeners, so the dot's draw at each trigger edge costs no witness call.
    private let listenerCall: LaserPulseListenerCall
    /// The listener's ``LaserPulseListener/decidesPulsesAtTrigger``: a flag, so that a laser on
    /// the stand-in source makes no call per pulse for an answer that is always yes.
    private let asksListenerAtTrigger: Bool
    /// The listener when it is the quantum dot (the physics station's), else nil: the trigger
    /// edge asks it with one test of this word, where the switch over `listenerCall` decoded the
    /// case and jumped through a table at every edge.
    private let quantumDot: Unmanaged<QuantumDotSource>?
    /// Pulses fired so far, counted at their trigger edges (a pulse on its way to the sample counts).
    public private(set) var pulsesFired = 0
    /// When each pulse fired is not kept (runs are long); the last one that the listener wanted is
    /// (a pulse it said sends no photon into an arm has no time: its jitter is not drawn).
    public private(set) var lastPulsePicoseconds: Int64?
    private var id: DeviceID?
    private var random: Xoshiro256StarStar

    /// A laser that fires `triggerToPulseDelayPicoseconds` after each trigger edge, give or take a
    /// Gaussian jitter of RMS `timingJitterRMSPicoseconds` drawn from `random` (a stream of its
    /// own, so the jitter shifts no other device's draws), and excites `listener`. Only pulses the
    /// listener wants (``LaserPulseListener/pulseTriggered(on:)``) draw a jitter and reach it.
    public init(triggerToPulseDelayPicoseconds: Int64, timingJitterRMSPicoseconds: Double = 0,
                random: Xoshiro256StarStar = Xoshiro256StarStar(seed: 0), listener: (any LaserPulseListener)?) {
        self.listener = listener
        listenerCall = LaserPulseListenerCall(listener)
        asksListenerAtTrigger = listener?.decidesPulsesAtTrigger ?? false
        if case .quantumDot(let dot) = listenerCall { quantumDot = dot } else { quantumDot = nil }
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

    /// Inlined into the firmware's write (the board's line change is), down to one call per
    /// trigger edge.
    @inlinable @inline(__always)
    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        if value == 1 { triggered(atCycle: cycle, on: board) }
    }

    /// A rising trigger edge at `cycle`: the pulse is counted, and fired when the listener wants
    /// it (``LaserPulseListener/pulseTriggered(on:)``). Out of line: inlined into the write,
    /// it changed the loop's register allocation.
    @usableFromInline @inline(never)
    func triggered(atCycle cycle: Int64, on board: SimulatedBoard) {
        guard let id else { return }
        pulsesFired &+= 1   // (a count of pulses: far below 2⁶³)
        if let quantumDot {
            guard quantumDot._withUnsafeGuaranteedRef({ $0.pulseTriggered(on: board) }) else { return }
        } else if asksListenerAtTrigger && !listenerCall.pulseTriggered(on: board) {
            return
        }
        // Wrapping arithmetic, as the board's for physics times: a pulse's time is far below 2⁶³
        // ps (about 107 days), so no overflow check is needed for every pulse.
        var firePicoseconds = cycle &* board.cyclePeriodPicoseconds &+ triggerToPulseDelayPicoseconds
        if timingJitterRMSPicoseconds > 0 {
            firePicoseconds &+= random.nextGaussianDelayPicoseconds(rmsPicoseconds: timingJitterRMSPicoseconds)
        }
        // The optical pulse itself is not a GPIO signal: it reaches the listener on the
        // picosecond timeline, from a timer at the cycle that contains it.
        // With the period tested against the default 1 ns first (as in the board's
        // cycle(atOrAfterPicoseconds:)), that path divides without the checks for a zero divisor
        // and Int64.min / −1 (the optimizer still divides, by the register it knows holds 1 000).
        let period = board.cyclePeriodPicoseconds
        let fireCycle = period == 1_000 ? firePicoseconds / 1_000 : firePicoseconds / period
        board.scheduleTimer(id, tag: firePicoseconds, atCycle: fireCycle)
    }

    public func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        lastPulsePicoseconds = tag
        if let quantumDot {
            quantumDot._withUnsafeGuaranteedRef { $0.laserPulse(atPicoseconds: tag, on: board) }
        } else {
            listenerCall.laserPulse(atPicoseconds: tag, on: board)
        }
    }
}
