public import Physics

/// One single-photon detector of the physics station on the simulated board: the
/// ``SinglePhotonDetector`` state machine fed in time order by photons from the source, its own
/// dark counts and afterpulses, and driving its click line.
///
/// - Photons, dark counts and afterpulses each come due as a board timer at the cycle that
///   contains them (their picosecond time rounded up to a cycle edge), in picosecond order
///   within the cycle; the detector decides with its state at that time (dead time, efficiency).
/// - Gate: in gated mode the detector watches its gate line and keeps the time of the gate's
///   last change, so it knows whether the gate was high at any picosecond of the current cycle
///   (the gate changes on cycle edges only). Free-running detectors ignore the gate.
/// - Dark counts are a Poisson process in time, drawn as exponential intervals
///   (``SinglePhotonDetector/nextDarkCountDelayPicoseconds(rng:)``). In gated mode the process
///   runs on open-gate time only: the interval is consumed while the gate is high and paused
///   while it is low, which is the Poisson process restricted to the open gate. So one interval
///   serves many gates, and at most one dark-count timer per detector is ever pending (the board's
///   event queue does not fill with timers of gates that closed first).
/// - A click (jitter included) drives the click line high at the first cycle edge at or after
///   its time, for the click pulse width rounded up to whole cycles (at least one). A click while
///   the line is still high stretches the pulse (the edges merge, as on a real output stage).
public final class PhotonDetectorModel: SimulatedDevice {
    /// Which of the four detectors this is.
    public let channel: Physics.DetectorChannel
    /// The click line it drives.
    public let clickLine: LineID
    /// The gate line it watches in gated mode (nil: no gate wired, a gated detector never counts).
    public let gateLine: LineID?
    /// The detector's state machine (dead time, pending afterpulse, click count).
    public private(set) var detector: SinglePhotonDetector
    /// Width of a click pulse on the click line, in board cycles (at least one).
    public let clickPulseWidthCycles: Int64

    /// Photons that reached the detector's input.
    public private(set) var photonsArrived = 0
    /// Clicks caused by photons.
    public private(set) var photonClicks = 0
    /// Clicks caused by dark counts.
    public private(set) var darkCountClicks = 0
    /// Clicks caused by afterpulses.
    public private(set) var afterpulseClicks = 0
    /// Clicks that fell while the click line was still high and stretched the pulse (no new edge).
    public private(set) var mergedClicks = 0

    private var random: PhysicsRandom
    private let cyclePeriodPicoseconds: Int64
    private let isGated: Bool
    private var id = DeviceID(index: -1)
    /// Gate level now, the level before its last change, and when that change happened.
    private var gateIsHigh = false
    private var gateWasHigh = false
    private var gateChangedAtPicoseconds = Int64.min / 4
    /// Open-gate time left until the next dark count (all time, free-running), in picoseconds.
    private var darkCountIntervalLeftPicoseconds = PhotonDetectorModel.never
    /// When the interval started being consumed (the gate's last opening, or the last dark count).
    private var darkCountIntervalFromPicoseconds: Int64 = 0
    /// When the next dark count happens if the gate stays as it is, or `Self.never` while paused.
    private var nextDarkCountPicoseconds = PhotonDetectorModel.never
    /// When the one pending dark-count timer fires, or `Self.never`.
    private var darkCountTimerPicoseconds = PhotonDetectorModel.never
    /// The afterpulse a timer has been scheduled for, or `Self.never`.
    private var scheduledAfterpulsePicoseconds = PhotonDetectorModel.never
    /// The cycle at which the click line falls, while it is high or about to be.
    private var clickLineFallsAtCycle: Int64 = -1
    /// Whether the line's fall has been driven (the line is low, or goes low this cycle).
    private var clickLineFallDriven = true

    /// A time that never comes (as far as any run goes), safe to compare with.
    static let never: Int64 = 1 << 60

    /// Timer kinds, in the low two bits of a tag; the time (ps, or cycle for a fall) above them.
    private enum TimerKind: Int64 {
        case photon = 0, darkCount = 1, afterpulse = 2, clickLineFalls = 3
    }

    /// A detector on `clickLine` (and `gateLine`), with `parameters`, drawing from `random`.
    public init(channel: Physics.DetectorChannel, clickLine: LineID, gateLine: LineID?, parameters: DetectorParameters,
                cyclePeriodPicoseconds: Int64, random: PhysicsRandom) throws(StationDataError) {
        self.channel = channel
        self.clickLine = clickLine
        self.gateLine = gateLine
        detector = try SinglePhotonDetector(parameters: parameters)
        self.cyclePeriodPicoseconds = cyclePeriodPicoseconds
        clickPulseWidthCycles = max(1, (parameters.clickPulseWidthPicoseconds + cyclePeriodPicoseconds - 1)
                                       / cyclePeriodPicoseconds)
        isGated = parameters.mode == .gated
        self.random = random
    }

    /// Hangs the detector off its gate line (gated mode) and starts its dark-count process
    /// (free-running mode: from now; gated: from each gate opening).
    @discardableResult
    public func attach(to board: SimulatedBoard) -> DeviceID {
        attach(to: board, watchingGate: true)
    }

    /// Hangs the detector on the board; with `watchingGate` false its gate edges come from a
    /// ``DetectorGateFanOut`` that watches the gate line for several detectors instead.
    @discardableResult
    func attach(to board: SimulatedBoard, watchingGate: Bool) -> DeviceID {
        id = board.attach(self, watching: isGated && watchingGate ? (gateLine.map { [$0] } ?? []) : [])
        if isGated, let gateLine, board.value(of: gateLine) == 1 { gateIsHigh = true; gateWasHigh = true }
        darkCountIntervalLeftPicoseconds = detector.nextDarkCountDelayPicoseconds(rng: &random)
        if !isGated || gateIsHigh { resumeDarkCounts(atPicoseconds: board.currentCycle * cyclePeriodPicoseconds, on: board) }
        return id
    }

    /// Clicks so far, of every cause.
    public var clicks: Int { detector.clickCount }

    /// A photon reaches the detector's input at `timePicoseconds` (now or later).
    @inline(__always)
    func photonArrives(atPicoseconds timePicoseconds: Int64, on board: SimulatedBoard) {
        photonsArrived += 1
        schedule(.photon, at: timePicoseconds, on: board)
    }

    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        gateChanged(to: value, atCycle: cycle, on: board)
    }

    /// The gate line changed to `value` at `cycle` (the detector watches it, or a ``DetectorGateFanOut`` does).
    @inline(__always)
    func gateChanged(to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        let isHigh = value == 1
        guard isHigh != gateIsHigh else { return }
        gateWasHigh = gateIsHigh
        gateIsHigh = isHigh
        gateChangedAtPicoseconds = cycle * cyclePeriodPicoseconds
        if isHigh {
            resumeDarkCounts(atPicoseconds: gateChangedAtPicoseconds, on: board)
        } else if nextDarkCountPicoseconds < Self.never && nextDarkCountPicoseconds >= gateChangedAtPicoseconds {
            // Pause: the open time since the opening is used up; what is left waits for the next gate.
            darkCountIntervalLeftPicoseconds -= gateChangedAtPicoseconds - darkCountIntervalFromPicoseconds
            nextDarkCountPicoseconds = Self.never
        }
        // (A dark count before the closing is still due this cycle: its timer runs after this edge.)
    }

    public func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        let time = tag >> 2
        switch TimerKind(rawValue: tag & 3) {
        case .photon:
            if let click = detector.photonArrives(atPicoseconds: time, gateOpen: gateOpen(atPicoseconds: time), rng: &random) {
                photonClicks += 1
                emitClick(atPicoseconds: click, on: board)
            }
        case .darkCount:
            if time == darkCountTimerPicoseconds { darkCountTimerPicoseconds = Self.never }
            guard time == nextDarkCountPicoseconds else {
                // The gate closed (and maybe reopened) since this timer was set: the dark count
                // moved later; follow it.
                if nextDarkCountPicoseconds < darkCountTimerPicoseconds { scheduleDarkCountTimer(on: board) }
                return
            }
            if let click = detector.darkCountOccurs(atPicoseconds: time, gateOpen: gateOpen(atPicoseconds: time), rng: &random) {
                darkCountClicks += 1
                emitClick(atPicoseconds: click, on: board)
            }
            darkCountIntervalLeftPicoseconds = detector.nextDarkCountDelayPicoseconds(rng: &random)
            nextDarkCountPicoseconds = Self.never
            if !isGated || gateIsHigh { resumeDarkCounts(atPicoseconds: time, on: board) }
        case .afterpulse:
            guard time == scheduledAfterpulsePicoseconds else { return }
            scheduledAfterpulsePicoseconds = Self.never
            if let click = detector.afterpulseFires(gateOpen: gateOpen(atPicoseconds: time), rng: &random) {
                afterpulseClicks += 1
                emitClick(atPicoseconds: click, on: board)
            }
        case .clickLineFalls:
            guard time == clickLineFallsAtCycle else { return }   // stretched by a later click
            clickLineFallDriven = true
            board.scheduleDrive(clickLine, to: 0, atCycle: cycle)
        case nil:
            return
        }
    }

    /// Whether the detector's gate was high at `timePicoseconds` (a time in the current cycle or
    /// just before it); always true in free-running mode.
    @inline(__always)
    private func gateOpen(atPicoseconds timePicoseconds: Int64) -> Bool {
        guard isGated else { return true }
        return timePicoseconds >= gateChangedAtPicoseconds ? gateIsHigh : gateWasHigh
    }

    /// The dark-count interval starts (or resumes) being consumed at `start`; the timer is set
    /// unless one is already pending earlier (it will follow the dark count when it fires).
    private func resumeDarkCounts(atPicoseconds start: Int64, on board: SimulatedBoard) {
        guard darkCountIntervalLeftPicoseconds < Self.never - start else { return }   // rate zero
        darkCountIntervalFromPicoseconds = start
        nextDarkCountPicoseconds = start + darkCountIntervalLeftPicoseconds
        if darkCountTimerPicoseconds > nextDarkCountPicoseconds { scheduleDarkCountTimer(on: board) }
    }

    private func scheduleDarkCountTimer(on board: SimulatedBoard) {
        darkCountTimerPicoseconds = nextDarkCountPicoseconds
        schedule(.darkCount, at: nextDarkCountPicoseconds, on: board)
    }

    /// Drives the click line for a click at `timePicoseconds` and schedules a pending afterpulse.
    private func emitClick(atPicoseconds timePicoseconds: Int64, on board: SimulatedBoard) {
        let rise = max(board.cycle(atOrAfterPicoseconds: timePicoseconds), board.currentCycle)
        if !clickLineFallDriven && rise <= clickLineFallsAtCycle {
            mergedClicks += 1
        } else {
            board.scheduleDrive(clickLine, to: 1, atCycle: rise)
            clickLineFallDriven = false
        }
        clickLineFallsAtCycle = rise + clickPulseWidthCycles
        board.scheduleTimer(id, tag: clickLineFallsAtCycle << 2 | TimerKind.clickLineFalls.rawValue,
                            atCycle: clickLineFallsAtCycle)
        if let afterpulse = detector.pendingAfterpulsePicoseconds, afterpulse != scheduledAfterpulsePicoseconds {
            scheduledAfterpulsePicoseconds = afterpulse
            schedule(.afterpulse, at: afterpulse, on: board)
        }
    }

    @inline(__always)
    private func schedule(_ kind: TimerKind, at timePicoseconds: Int64, on board: SimulatedBoard) {
        board.scheduleTimer(id, tag: timePicoseconds << 2 | kind.rawValue, atPicoseconds: timePicoseconds)
    }
}
